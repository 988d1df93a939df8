use crate::error::AppError;
use leptos::prelude::*;

/// A banner for the outcome of a form: the error's safe message, or nothing.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }
        })
    }
}

/// A confirmation banner shown when `show` is true.
#[component]
pub fn Success(#[prop(into)] show: Signal<bool>, #[prop(into)] text: String) -> impl IntoView {
    move || {
        show.get()
            .then(|| view! { <p class="notice notice-ok" role="status">{text.clone()}</p> })
    }
}

/// Renders a failed load as a readable message instead of a blank page.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{crate::tr!(common.load_failed)}</h2>
            <p>{error.to_string()}</p>
        </section>
    }
}
