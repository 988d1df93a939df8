use super::{action_error, field_error, kept};
use crate::api::auth::{get_invitation, AcceptInvitation};
use crate::components::field::{Check, TextField};
use crate::components::notice::FormError;
use crate::components::server_form::ServerForm;
use crate::pages::forgot_password::AuthFrame;
use crate::resource::page_data;
use crate::tr;
use crate::types::form::check::MIN_PASSWORD;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let invitation = page_data(token, get_invitation);
    let action = ServerAction::<AcceptInvitation>::new();
    let error = action_error(action);
    view! {
        <Title text=tr!(auth.join_title)/>
        <AuthFrame heading=tr!(auth.join_title)>
            <Suspense fallback=|| view! { <p class="loading">{tr!(auth.checking_invitation)}</p> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        Err(e) => view! {
                            <p class="notice notice-error" role="alert">{e.to_string()}</p>
                            <p class="auth-links"><a href="/sign-in">{tr!(auth.go_to_sign_in)}</a></p>
                        }.into_any(),
                        Ok(info) => view! {
                            <p>{invited_line(info.program_name, info.role.label(), info.organization_name)}</p>
                            <p class="muted">{tr!(auth.signs_in_as, email = info.email).to_string()}</p>
                            <FormError error/>
                            <ServerForm action=action attr:novalidate=true>
                                <input type="hidden" name="token" value=token/>
                                <TextField name="name" label=tr!(auth.your_name) autocomplete="name" required=true
                                    value=kept(error, "name") error=field_error(error, "name") check=Check::Name/>
                                <TextField name="password" label=tr!(auth.choose_password) kind="password" autocomplete="new-password" required=true
                                    hint=tr!(checks.password_hint, min = MIN_PASSWORD).to_string() error=field_error(error, "password") check=Check::NewPassword/>
                                <TextField name="confirm" label=tr!(auth.repeat_password) kind="password" autocomplete="new-password" required=true
                                    error=field_error(error, "confirm")/>
                                <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>{tr!(auth.create_account)}</button>
                            </ServerForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </AuthFrame>
    }
}

/// "You're invited to the <b>program</b> … at <b>company</b>.", with the
/// names in bold wherever the language puts them.
fn invited_line(program: String, role: &'static str, organization: String) -> impl IntoView {
    leptos_i18n::td!(
        crate::locale::current(),
        auth.invited,
        program,
        role,
        organization,
        <b> = |children: ChildrenFn| view! { <strong>{children()}</strong> }
    )
}
