//! The browser entry point: hydrates the server-rendered HTML.

#![recursion_limit = "512"]

mod attach_picture;
mod file_to_text;
mod upload_progress;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    upload_progress::install();
    file_to_text::install();
    attach_picture::install();
    // Lets browser tests (and curious people) know the page is interactive.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
