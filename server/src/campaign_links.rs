//! The links inside campaign e-mails (open pixel, tracked clicks, one-click
//! unsubscribe) and the vendor's CSV of a campaign's results.

use crate::ServerState;
use app::ssr::plain_text::{self, PlainText};
use app::ssr::services::campaigns::{images, report, tracking};
use app::ssr::Actor;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Extension;

/// A transparent 1×1 GIF.
const PIXEL: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

/// `GET /m/o/{id}/{signature}.gif`: records an open; always answers with
/// the pixel so a mail app never shows a broken image.
pub async fn open(
    State(state): State<ServerState>,
    Path((id, file)): Path<(i64, String)>,
) -> Response {
    let signature = file.trim_end_matches(".gif");
    if let Err(e) = tracking::opened(&state.app, id, signature).await {
        tracing::debug!(error = %e, id, "open not recorded");
    }
    (
        [
            (header::CONTENT_TYPE, "image/gif"),
            (header::CACHE_CONTROL, "no-store, private"),
        ],
        PIXEL,
    )
        .into_response()
}

/// `GET /m/i/{tenant}/{hash}.{ext}`: a picture of a sent campaign e-mail.
/// Named by its content hash, so it never changes and may be cached.
pub async fn image(
    State(state): State<ServerState>,
    Path((tenant, file)): Path<(i64, String)>,
) -> Response {
    match images::load(&state.app, tenant, &file).await {
        Ok((bytes, mime)) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /m/c/{id}/{n}/{signature}`: records a click and goes on to the link.
pub async fn click(
    State(state): State<ServerState>,
    Path((id, n, signature)): Path<(i64, usize, String)>,
) -> Response {
    match tracking::clicked(&state.app, id, n, &signature).await {
        Ok(target) => Redirect::to(&target).into_response(),
        Err(_) => page(
            StatusCode::NOT_FOUND,
            PlainText::LinkNotFound.text(),
            PlainText::LinkInvalid.text(),
            None,
        ),
    }
}

/// Text for a standalone page's HTML (text and attribute values).
pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small standalone page: its text and, for a confirmation, the button
/// that posts to `form`.
fn page(status: StatusCode, title: &str, text: &str, form: Option<&str>) -> Response {
    let form = form
        .map(|action| {
            format!(
                "<form method=\"post\" action=\"{}\"><button type=\"submit\">{}</button></form>",
                escape(action),
                escape(PlainText::Unsubscribe.text())
            )
        })
        .unwrap_or_default();
    standalone(status, title, &format!("<p>{}</p>{form}", escape(text)))
}

/// The page around a mail link's answer: these visitors have no account
/// and get no app shell. `body` is HTML the caller escaped.
pub(crate) fn standalone(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><style>\
         body{{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}}\
         label,.label{{display:block;font-weight:600;margin-bottom:.25rem}}\
         input,select,textarea{{box-sizing:border-box;width:100%;font:inherit;padding:.6rem;border:1px solid #8a8a8a;border-radius:.4rem;min-height:44px}}\
         [aria-invalid=true]{{border-color:#b3261e}}.problem{{display:block;color:#b3261e;margin-top:.25rem}}\
         button{{font:inherit;padding:.75rem 1.5rem;border:0;border-radius:.5rem;background:#1f4fd8;color:#fff;min-height:44px}}\
         </style></head><body><main><h1>{t}</h1>{body}</main></body></html>",
        t = escape(title),
        lang = app::locale::current_code(),
    );
    (status, Html(html)).into_response()
}

/// "<address> gets …", or "This address gets …" once it is erased.
fn done(email: &str) -> String {
    plain_text::no_more_mail(email)
}

/// `GET /m/u/{id}/{signature}`: asks to confirm (link scanners follow GET
/// links, so only the button's POST unsubscribes).
pub async fn unsubscribe_page(
    State(state): State<ServerState>,
    Path((id, signature)): Path<(i64, String)>,
) -> Response {
    match tracking::unsubscribe_target(&state.app, id, &signature).await {
        Ok((email, true)) => page(
            StatusCode::OK,
            PlainText::Unsubscribed.text(),
            &done(&email),
            None,
        ),
        Ok((email, false)) => page(
            StatusCode::OK,
            PlainText::Unsubscribe.text(),
            &plain_text::stop_mail_question(&email),
            Some(&format!("/m/u/{id}/{signature}")),
        ),
        Err(_) => page(
            StatusCode::NOT_FOUND,
            PlainText::LinkNotFound.text(),
            PlainText::UnsubscribeLinkInvalidCopied.text(),
            None,
        ),
    }
}

/// `POST /m/u/{id}/{signature}`: the one-click unsubscribe (RFC 8058), from
/// the mail app's button or the confirmation page.
pub async fn unsubscribe(
    State(state): State<ServerState>,
    Path((id, signature)): Path<(i64, String)>,
) -> Response {
    match tracking::unsubscribe(&state.app, id, &signature).await {
        Ok(email) => page(
            StatusCode::OK,
            PlainText::Unsubscribed.text(),
            &done(&email),
            None,
        ),
        Err(e) if e.status() == 404 => page(
            StatusCode::NOT_FOUND,
            PlainText::LinkNotFound.text(),
            PlainText::UnsubscribeLinkInvalid.text(),
            None,
        ),
        Err(_) => page(
            StatusCode::SERVICE_UNAVAILABLE,
            PlainText::TryAgain.text(),
            PlainText::NotRecorded.text(),
            None,
        ),
    }
}

/// `GET /campaigns/{id}/report`: results per partner, for vendor staff.
pub async fn report_csv(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    crate::downloads::csv_download(report::csv(&state.app, &actor, id).await)
}
