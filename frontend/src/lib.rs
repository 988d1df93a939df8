//! The browser entry point: hydrates the server-rendered HTML.

#![recursion_limit = "512"]

mod attach_picture;
mod file_to_text;
mod upload_progress;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    upload_progress::install();
    file_to_text::install();
    attach_picture::install();
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    app::locale::install_plural_rules();
    if !app::locale::load_page_strings() {
        // Without its strings the page cannot render; it stays plain HTML.
        leptos::logging::error!("the page's strings did not load");
        return;
    }
    #[cfg(feature = "islands")]
    {
        // Only the page's islands hydrate; boot.js calls each one's
        // exported function after this.
        leptos::mount::hydrate_islands();
        let _ = body;
    }
    #[cfg(not(feature = "islands"))]
    hydrate_app(body);
}

/// Full hydration of the whole page.
#[cfg(not(feature = "islands"))]
fn hydrate_app(body: leptos::web_sys::HtmlElement) {
    // Lazily loaded routes (app/src/root.rs) hydrate asynchronously: the
    // current page's code chunk is fetched first. The same as
    // `hydrate_lazy`, but marking the page once it is interactive.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async move {
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // Lets browser tests (and curious people) know the page is interactive.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
