//! The script that loads the app into a server-rendered page.
//!
//! Leptos's `HydrationScripts` also puts preload hints for the code into the
//! head. Even at low priority those downloads share the link with the page's
//! own content, and Lighthouse's simulated phone counts every request started
//! before the largest paint as holding it up: about 330 KB of code on its
//! slow 4G made a text-only sign-in page's largest paint 2.5 s instead of
//! 0.75 s. `boot.js` starts the download once the page has painted (a
//! timeout queued from a frame callback runs after that frame's paint) and the
//! browser is idle. Until then the page works as plain HTML forms. The
//! page's strings, in its one language, are fetched alongside the code.

use leptos::prelude::*;

#[component]
pub fn Boot(options: LeptosOptions) -> impl IntoView {
    let pkg = options.site_pkg_dir.to_string();
    let js = options.output_name.to_string();
    // Without an output name at build time wasm-bindgen's file has this suffix.
    let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        js.clone()
    } else {
        format!("{js}_bg")
    };
    // Boot is part of the shell, which only the server renders.
    #[cfg(feature = "ssr")]
    let strings = crate::locale::page_strings_path(crate::locale::current());
    #[cfg(not(feature = "ssr"))]
    let strings = String::new();
    let nonce = leptos::nonce::use_nonce();
    let version = asset_version();
    start_islands_mode();
    view! {
        <script type="module" nonce=nonce>
            {format!("{}({pkg:?}, {js:?}, {wasm:?}, {strings:?}, {version:?});", include_str!("boot.js"))}
        </script>
    }
}

/// The build's version of the browser's files, for their `?v=`
/// (`crate::ssr::assets`); only the server renders the tags that use it.
pub fn asset_version() -> &'static str {
    #[cfg(feature = "ssr")]
    return crate::ssr::assets::version();
    #[cfg(not(feature = "ssr"))]
    ""
}

/// Only islands hydrate (docs/architecture.md, "The page architecture"):
/// the rest of the page renders as HTML without hydration markers and
/// without its data, which the server must know before the body renders
/// (the shell puts this component in the head).
fn start_islands_mode() {
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
}
