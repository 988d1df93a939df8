use super::{action_error, field_error, kept};
use crate::api::auth::{get_invitation, AcceptInvitation};
use crate::components::field::{checks, TextField};
use crate::components::notice::FormError;
use crate::components::server_form::ServerForm;
use crate::pages::forgot_password::AuthFrame;
use crate::resource::page_data;
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
        <Title text="Join the partner portal"/>
        <AuthFrame heading="Join the partner portal">
            <Suspense fallback=|| view! { <p class="loading">"Checking your invitation…"</p> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        Err(e) => view! {
                            <p class="notice notice-error" role="alert">{e.to_string()}</p>
                            <p class="auth-links"><a href="/sign-in">"Go to sign in"</a></p>
                        }.into_any(),
                        Ok(info) => view! {
                            <p>
                                "You're invited to the "<strong>{info.program_name}</strong>" program as "
                                <strong>{info.role.label()}</strong>" at "<strong>{info.organization_name}</strong>"."
                            </p>
                            <p class="muted">"You'll sign in as "{info.email}"."</p>
                            <FormError error/>
                            <ServerForm action=action attr:novalidate=true>
                                <input type="hidden" name="token" value=token/>
                                <TextField name="name" label="Your name" autocomplete="name" required=true
                                    value=kept(error, "name") error=field_error(error, "name") check=checks::name/>
                                <TextField name="password" label="Choose a password" kind="password" autocomplete="new-password" required=true
                                    hint=format!("At least {MIN_PASSWORD} characters.") error=field_error(error, "password") check=checks::new_password/>
                                <TextField name="confirm" label="Repeat the password" kind="password" autocomplete="new-password" required=true
                                    error=field_error(error, "confirm")/>
                                <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>"Create my account"</button>
                            </ServerForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </AuthFrame>
    }
}
