//! One module per page.

pub mod accept_invitation;
pub mod account;
pub mod background_work;
pub mod campaigns;
pub mod cobrand;
pub mod dashboard;
pub mod forgot_password;
pub mod forum;
pub mod funds;
pub mod not_found;
pub mod partner;
pub mod partners;
pub mod products;
pub mod reset_password;
pub mod sign_in;
pub mod tiers;
pub mod users;

use crate::error::AppError;
use leptos::prelude::*;

/// The error of a server action's last run, if it failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || error_of(action))
}

/// The same read once (tracked), without building a signal: for views that
/// would otherwise build one per row.
pub fn error_of<I, O>(action: ServerAction<I>) -> Option<AppError>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    action
        .value()
        .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
}

/// A form handle that clears the form after each successful submit, so the
/// next entry starts empty.
pub fn reset_on_success<I, O>(action: ServerAction<I>) -> NodeRef<leptos::html::Form>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if action
            .value()
            .get()
            .is_some_and(|r: Result<O, AppError>| r.is_ok())
        {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    form
}

/// One field's message from an error signal.
pub fn field_error(error: Signal<Option<AppError>>, name: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| e.field(name)))
}

/// What the user typed into `name` before a failed submit (no-JavaScript path).
pub fn kept(error: Signal<Option<AppError>>, name: &str) -> String {
    error
        .get_untracked()
        .and_then(|e| e.kept(name))
        .unwrap_or_default()
}
