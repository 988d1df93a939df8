//! What makes the portal an installable app: the web app manifest (named
//! and coloured for the program), its icons, the service worker and the
//! page that worker shows when there is no connection. All of it is the
//! same for every visitor of a program, so none of it needs a sign-in.

mod icon;

use app::ssr::plain_text::PlainText;
use app::ssr::RequestTenant;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use serde_json::json;

/// The colour behind the app's splash screen: the portal's page background.
const BACKGROUND: &str = "#f4f6f9";
/// The portal's own colour, for a host that names no program.
const DEFAULT_BRAND: &str = "#0b5cab";

fn brand_of(tenant: &Option<Extension<RequestTenant>>) -> (String, String) {
    match tenant {
        Some(Extension(t)) => (t.name.clone(), icon::safe_colour(&t.brand_color)),
        None => (
            PlainText::Portal.text().to_owned(),
            DEFAULT_BRAND.to_owned(),
        ),
    }
}

/// `GET /manifest.webmanifest`.
pub async fn manifest(tenant: Option<Extension<RequestTenant>>) -> Response {
    let (name, colour) = brand_of(&tenant);
    // The icons change with the program's colour.
    let v = &colour[1..];
    let body = json!({
        "id": "/",
        "name": name,
        "short_name": name,
        "description": PlainText::MetaDescription.text(),
        "lang": app::locale::current_code(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": colour,
        "icons": [
            { "src": format!("/app-icon/192.png?v={v}"), "sizes": "192x192", "type": "image/png", "purpose": "any" },
            { "src": format!("/app-icon/512.png?v={v}"), "sizes": "512x512", "type": "image/png", "purpose": "any" },
            { "src": format!("/app-icon/maskable-512.png?v={v}"), "sizes": "512x512", "type": "image/png", "purpose": "maskable" },
        ],
    });
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body.to_string(),
    )
        .into_response()
}

/// `GET /app-icon/{file}`: `192.png`, `512.png` or `maskable-512.png`.
pub async fn app_icon(
    tenant: Option<Extension<RequestTenant>>,
    Path(file): Path<String>,
) -> Response {
    let Some(shape) = icon::Shape::from_file(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (_, colour) = brand_of(&tenant);
    match icon::png(shape, &colour) {
        Some(png) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            png,
        )
            .into_response(),
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /sw.js`. Not cached by the browser's HTTP cache, so a new build's
/// worker (and with it a fresh cache) is found on the next visit.
pub async fn service_worker() -> Response {
    let script = include_str!("sw.js").replace("__VERSION__", app::ssr::assets::version());
    (
        [
            (header::CONTENT_TYPE, "text/javascript"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        script,
    )
        .into_response()
}

/// `GET /offline`: what the service worker shows instead of a page it could
/// not load. It stands alone (inline style, no code), in the language of
/// the visit that installed the worker.
pub async fn offline(tenant: Option<Extension<RequestTenant>>) -> Response {
    let (name, colour) = brand_of(&tenant);
    let esc = crate::campaign_links::escape;
    let body = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"theme-color\" content=\"{colour}\"><title>{title} · {name}</title>\
         <style>body{{margin:0;font:16px/1.5 system-ui,sans-serif;color:#16202c;background:{BACKGROUND}}}\
         header{{border-top:4px solid {colour};background:#fff;padding:1rem;font-weight:700}}\
         main{{max-width:32rem;margin:0 auto;padding:2rem 1rem}}h1{{font-size:1.5rem;margin:0 0 .5rem}}\
         a{{display:inline-flex;align-items:center;min-height:44px;padding:0 1.25rem;border-radius:8px;\
         background:{colour};color:#fff;text-decoration:none;font-weight:600}}</style></head>\
         <body><header>{name}</header><main><h1>{title}</h1><p>{text}</p>\
         <p><a href=\"\">{retry}</a></p></main></body></html>",
        lang = app::locale::current_code(),
        name = esc(&name),
        title = esc(PlainText::OfflineTitle.text()),
        text = esc(PlainText::OfflineText.text()),
        retry = esc(PlainText::OfflineRetry.text()),
    );
    ([(header::CACHE_CONTROL, "no-cache")], Html(body)).into_response()
}
