//! Server functions decode their arguments before our code runs, and
//! `server_fn` answers a failure there with 500 whatever the error says.
//! Such a failure becomes `AppError::Malformed` (a number that is not one,
//! a field left out of a hand-made or outdated request): the caller's
//! mistake, so it gets 400 here, not the status of an outage.

use app::error::AppError;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// An error body is a few hundred bytes; anything larger is not ours.
const MAX_ERROR_BYTES: usize = 64 * 1024;

pub async fn unreadable_arguments_are_400(req: Request, next: Next) -> Response {
    let server_fn = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if serde_json::from_slice::<AppError>(&bytes).is_ok_and(|e| e == AppError::Malformed) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}
