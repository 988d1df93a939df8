//! The browser entry point: hydrates the page's islands.

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
    app::locale::install_plural_rules();
    if !app::locale::load_page_strings() {
        // Without its strings the page cannot render; it stays plain HTML.
        leptos::logging::error!("the page's strings did not load");
        return;
    }
    // Only the page's islands hydrate; boot.js calls each one's exported
    // function after this.
    leptos::mount::hydrate_islands();
    // No client router: a server function's redirect (a form inside an
    // island that saved) loads the page it names.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| {
        let _ = leptos::prelude::window().location().set_href(to);
    });
}
