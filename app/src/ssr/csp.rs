//! Content Security Policy for rendered pages: scripts only from our origin
//! or inline with this response's nonce (the hydration script), wasm allowed
//! to compile, nothing framed, no plugins. The nonce is fresh per response.

use http::header::CONTENT_SECURITY_POLICY;
use http::HeaderValue;
use leptos::nonce::{provide_nonce, use_nonce};
use leptos::prelude::use_context;

/// The policy for a page whose inline scripts carry `nonce`. Styles allow
/// inline attributes (colour swatches); images allow `data:` (inline logos
/// and template images in previews).
pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; \
         form-action 'self'; object-src 'none'"
    )
}

/// Creates this response's nonce (Leptos puts it on the scripts it writes)
/// and sends the matching policy header.
pub fn apply() {
    provide_nonce();
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&policy(&nonce.to_string())) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
