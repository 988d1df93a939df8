//! One module per page.

pub mod accept_invitation;
pub mod account;
pub mod background_work;
pub mod campaigns;
pub mod cobrand;
pub mod dashboard;
pub mod deals;
pub mod forgot_password;
pub mod forum;
pub mod funds;
pub mod leads;
pub mod not_found;
pub mod notifications;
pub mod partner;
pub mod partners;
pub mod products;
pub mod reset_password;
pub mod revenue;
pub mod sign_in;
pub mod territory;
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

/// The error of `action` when it came from the form for record `id` (`None`:
/// the form adding a new one). A page with one form per record gets a plain
/// form post's error back on every form posting the same function, so the
/// service echoes the record's id (`kept("id")`) and each form takes its own.
pub fn action_error_for<I, O>(action: ServerAction<I>, id: Option<i64>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || {
        error_of(action).filter(|e| e.kept("id").and_then(|v| v.parse::<i64>().ok()) == id)
    })
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

/// A file's size as a person reads it: "840 KB", "2.4 MB".
pub fn file_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{}\u{a0}MB",
            crate::locale::decimal(bytes as f64 / (1024.0 * 1024.0), 1)
        )
    } else {
        format!("{}\u{a0}KB", (bytes / 1024).max(1))
    }
}

/// `a=1&b=x%20y` of the non-empty pairs: a list's filters in its links.
pub fn query_string(pairs: &[(&str, &String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::types::url::encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}
