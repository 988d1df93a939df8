use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=tr!(not_found.title)/>
        <main id="main" class="auth">
            <div class="auth-card">
                <p class="big-code" aria-hidden="true">"404"</p>
                <h1>{tr!(not_found.heading)}</h1>
                <p>{tr!(not_found.body)}</p>
                <p><a class="btn btn-primary" href="/">{tr!(not_found.home)}</a></p>
            </div>
        </main>
    }
}
