use app::ssr::AppState;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses state-changing requests that a browser sent from another origin
/// (CSRF defence in depth, beside the SameSite=Lax session cookie).
pub async fn refuse_cross_site_writes(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    if let Some(claimed) = claimed {
        let public = authority(&state.config.base_url);
        let from = authority(claimed);
        let same = from.is_some_and(|from| from.eq_ignore_ascii_case(host) || Some(from) == public);
        if !same {
            tracing::warn!(origin = claimed, host, "refused cross-origin write");
            return (
                StatusCode::FORBIDDEN,
                "Cross-origin requests are not allowed.",
            )
                .into_response();
        }
    }
    next.run(req).await
}

/// `host[:port]` of an absolute URL; `None` for "null" or garbage.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let auth = &rest[..end];
    (!auth.is_empty()).then_some(auth)
}

#[cfg(test)]
mod tests {
    #[test]
    fn authority_of_urls() {
        assert_eq!(
            super::authority("http://127.0.0.1:3000/x?y"),
            Some("127.0.0.1:3000")
        );
        assert_eq!(
            super::authority("https://portal.example"),
            Some("portal.example")
        );
        assert_eq!(super::authority("null"), None);
    }
}
