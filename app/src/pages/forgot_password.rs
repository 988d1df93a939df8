use super::{action_error, field_error, kept};
use crate::api::auth::{program_brand, RequestPasswordReset};
use crate::components::field::{checks, TextField};
use crate::components::notice::{FormError, Success};
use crate::components::server_form::ServerForm;
use crate::resource::page_data;
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
                                    {b.name}" partner portal"
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
        <Title text="Reset your password"/>
        <AuthFrame heading="Reset your password">
            <Success show=sent text="If that address has an account, we've emailed a link to choose a new password. It works for 60 minutes."/>
            <p>"Enter the email you sign in with and we'll send you a link to choose a new password."</p>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <TextField name="email" label="Work email" kind="email" autocomplete="username" required=true
                    value=kept(error, "email") error=field_error(error, "email") check=checks::email/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>"Send reset link"</button>
            </ServerForm>
            <p class="auth-links"><a href="/sign-in">"Back to sign in"</a></p>
        </AuthFrame>
    }
}
