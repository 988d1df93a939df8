//! NUL characters are refused at the door. No form field can hold one,
//! PostgreSQL cannot store one in text (the query fails, which used to
//! answer 500), and SQLite would keep it and cut strings short in other
//! tools. A query string or form body carrying `%00` gets 422 before any
//! handler runs; multipart uploads keep their bytes, and the file names
//! taken from them drop control characters where they are stored.

use app::error::AppError;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest form body read here; larger ones are the handlers' to
/// refuse (server functions and forms take far less).
const MAX_FORM_BYTES: usize = 16 * 1024 * 1024;

pub async fn refuse_nul(req: Request, next: Next) -> Response {
    if carries_nul(req.uri().query().unwrap_or("").as_bytes())
        || carries_nul(req.uri().path().as_bytes())
    {
        return refused(req.uri().path());
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if carries_nul(&bytes) {
        return refused(parts.uri.path());
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// `%00` anywhere (any case of hex digits is the same here), or a raw NUL.
fn carries_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00")
}

/// A server function gets the error it can show; anything else plain text.
fn refused(path: &str) -> Response {
    let error = AppError::invalid(
        "",
        "Text cannot contain NUL characters. Remove them and try again.",
    );
    if path.starts_with("/api/") {
        let json = serde_json::to_string(&error).unwrap_or_default();
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "application/json")],
            json,
        )
            .into_response()
    } else {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            error.field("").unwrap_or_default(),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::carries_nul;

    #[test]
    fn finds_encoded_and_raw_nul_only() {
        assert!(carries_nul(b"name=a%00b"));
        assert!(carries_nul(b"a\0b"));
        assert!(!carries_nul(b"name=100%25&x=%0A"));
        assert!(!carries_nul(b"amount=1000"));
    }
}
