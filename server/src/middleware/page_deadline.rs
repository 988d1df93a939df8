//! A page that has not rendered within the deadline is answered with 503 and
//! a short page asking to try again, instead of leaving the browser waiting
//! for good. Rendering takes milliseconds; the one way seen to take longer
//! is a lost wake-up in Leptos's server rendering of suspense boundaries
//! (leptos-rs/leptos#4851, #4698), which otherwise holds the connection
//! open forever. Only page loads (GET outside `/api/`) are timed: server
//! functions and uploads may rightly take longer on a slow phone link.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::time::Duration;

/// Far above any real render, well below a browser's own give-up time.
pub const DEADLINE: Duration = Duration::from_secs(30);

const TOO_SLOW: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Try again · Partner portal</title></head><body>\
<main><h1>This page took too long</h1>\
<p>Nothing was changed. Reload the page to try again.</p></main></body></html>";

pub async fn page_deadline(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let path = req.uri().path().to_owned();
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::error!(path = %path, "page not rendered within {} s", limit.as_secs());
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "1")],
                Html(TOO_SLOW),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_millis(300)).await;
        "late"
    }

    fn app() -> Router {
        Router::new()
            .route("/slow", get(slow).post(slow))
            .route("/api/slow", get(slow))
            .route("/fast", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(
                Duration::from_millis(50),
                page_deadline,
            ))
    }

    async fn status(method: Method, path: &str) -> StatusCode {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap();
        app().oneshot(req).await.unwrap().status()
    }

    #[tokio::test]
    async fn a_page_that_hangs_gets_503_and_others_are_untouched() {
        assert_eq!(status(Method::GET, "/fast").await, StatusCode::OK);
        assert_eq!(
            status(Method::GET, "/slow").await,
            StatusCode::SERVICE_UNAVAILABLE
        );
        // Not timed: a form post or server function may take its time.
        assert_eq!(status(Method::POST, "/slow").await, StatusCode::OK);
        assert_eq!(status(Method::GET, "/api/slow").await, StatusCode::OK);
    }
}
