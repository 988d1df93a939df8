use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <main id="main" class="auth">
            <div class="auth-card">
                <p class="big-code" aria-hidden="true">"404"</p>
                <h1>"We couldn't find that page"</h1>
                <p>"The address may be mistyped, or the page may have moved."</p>
                <p><a class="btn btn-primary" href="/">"Go to your dashboard"</a></p>
            </div>
        </main>
    }
}
