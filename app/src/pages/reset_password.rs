use super::{action_error, field_error};
use crate::api::auth::ResetPassword;
use crate::components::field::{Check, TextField};
use crate::components::notice::FormError;
use crate::components::server_form::ServerForm;
use crate::pages::forgot_password::AuthFrame;
use crate::tr;
use crate::types::form::check::MIN_PASSWORD;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    let token_error = Signal::derive(move || error.get().and_then(|e| e.field("token")));
    view! {
        <Title text=tr!(auth.new_password_title)/>
        <AuthFrame heading=tr!(auth.new_password_title)>
            <FormError error/>
            {move || token_error.get().map(|m| view! {
                <p class="notice notice-error">{m}" "<a href="/forgot-password">{tr!(auth.send_new_link)}</a></p>
            })}
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="token" value=token/>
                <TextField name="password" label=tr!(auth.new_password) kind="password" autocomplete="new-password" required=true
                    hint=tr!(checks.password_hint, min = MIN_PASSWORD).to_string() error=field_error(error, "password") check=Check::NewPassword/>
                <TextField name="confirm" label=tr!(auth.repeat_new_password) kind="password" autocomplete="new-password" required=true
                    error=field_error(error, "confirm")/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>{tr!(auth.save_password)}</button>
            </ServerForm>
        </AuthFrame>
    }
}
