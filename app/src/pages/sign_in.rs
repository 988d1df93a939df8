use super::{action_error, field_error, kept};
use crate::api::auth::SignIn;
use crate::components::field::TextField;
use crate::components::language::LanguageSwitch;
use crate::components::notice::{FormError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::forgot_password::AuthFrame;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let reset = Signal::derive(move || query.read().get("reset").is_some());
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action);
    view! {
        <Title text=tr!(auth.sign_in)/>
        <AuthFrame heading=tr!(auth.sign_in)>
            <Success show=reset text=tr!(auth.password_changed)/>
            <FormError error/>
            // No island here: the page everyone opens first loads no code
            // (the server checks the address on submit, beside the field).
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="next" value=next/>
                <TextField name="email" label=tr!(auth.work_email) kind="email" autocomplete="username" required=true
                    value=kept(error, "email") error=field_error(error, "email")/>
                <TextField name="password" label=tr!(auth.password) kind="password" autocomplete="current-password" required=true
                    error=field_error(error, "password")/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { tr!(auth.signing_in) } else { tr!(auth.sign_in) }}
                </button>
            </ServerForm>
            <p class="auth-links"><a href="/forgot-password">{tr!(auth.forgot)}</a></p>
            <LanguageSwitch/>
        </AuthFrame>
    }
}
