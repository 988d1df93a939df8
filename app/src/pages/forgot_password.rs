use super::{action_error, field_error, kept};
use crate::api::auth::{program_brand, RequestPasswordReset};
use crate::components::field::{Check, TextField};
use crate::components::notice::{FormError, Success};
use crate::components::server_form::ServerForm;
use crate::resource::page_data;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The frame of the signed-out pages: the program's name and colour above a card.
#[component]
pub fn AuthFrame(#[prop(into)] heading: String, children: Children) -> impl IntoView {
    let brand = page_data(|| (), |_| program_brand());
    view! {
        <main id="main" class="auth">
            <div class="auth-card">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        brand.await.ok().map(|b| {
                            let style = format!("--brand: {}", b.brand_color);
                            view! {
                                <p class="auth-brand" style=style>
                                    <span class="brand-mark" aria-hidden="true"></span>
                                    {tr!(auth.brand, program = b.name).to_string()}
                                </p>
                            }
                        })
                    })}
                </Suspense>
                <h1>{heading}</h1>
                {children()}
            </div>
        </main>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let sent = Signal::derive(move || query.read().get("sent").is_some());
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action);
    view! {
        <Title text=tr!(auth.reset_title)/>
        <AuthFrame heading=tr!(auth.reset_title)>
            <Success show=sent text=tr!(auth.reset_sent)/>
            <p>{tr!(auth.reset_intro)}</p>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <TextField name="email" label=tr!(auth.work_email) kind="email" autocomplete="username" required=true
                    value=kept(error, "email") error=field_error(error, "email") check=Check::Email/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>{tr!(auth.send_reset)}</button>
            </ServerForm>
            <p class="auth-links"><a href="/sign-in">{tr!(auth.back_to_sign_in)}</a></p>
        </AuthFrame>
    }
}
