//! File routes outside the server-function layer, because they carry
//! multipart bodies or bytes: plain HTML forms post here, so they work
//! without JavaScript and answer with a redirect back to the page.

use crate::ServerState;
use app::error::AppError;
use app::ssr::services::logos;
use app::ssr::Actor;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

fn back(id: i64, result: Result<(), AppError>) -> Response {
    let location = match result {
        Ok(()) => format!("/partners/{id}?saved=logo"),
        Err(e) => {
            let message = e.field("logo").unwrap_or_else(|| e.to_string());
            format!("/partners/{id}?logo_error={}", encode(&message))
        }
    };
    Redirect::to(&location).into_response()
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Reads the `logo` field, stopping as soon as it exceeds the size limit.
async fn read_logo(mut form: Multipart) -> Result<Vec<u8>, AppError> {
    let too_big = || {
        AppError::invalid(
            "logo",
            "The logo is larger than 1 MB. Export a smaller image.",
        )
    };
    while let Some(mut field) = form.next_field().await.map_err(|_| too_big())? {
        if field.name() != Some("logo") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| too_big())? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > logos::MAX_LOGO_BYTES {
                return Err(too_big());
            }
        }
        return Ok(bytes);
    }
    Ok(Vec::new())
}

pub async fn upload_logo(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
    form: Multipart,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    let result = match read_logo(form).await {
        Ok(bytes) => logos::upload(&state.app, &actor, id, bytes).await,
        Err(e) => Err(e),
    };
    back(id, result)
}

pub async fn remove_logo(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    back(id, logos::remove(&state.app, &actor, id).await)
}

pub async fn logo(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match logos::load(&state.app, &actor, id).await {
        Ok((bytes, mime)) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "private, max-age=86400"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::NOT_FOUND)
            .into_response(),
    }
}
