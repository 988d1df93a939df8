//! Plain routes (downloads, uploads, mail links) run outside Leptos's
//! rendering, so nothing provides the request's language to the services
//! they call. This layer does: a CSV header or an error message a plain
//! route writes comes out in the language `session::resolve` chose.

use app::locale::Locale;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::{provide_context, Owner};
use leptos::reactive::computed::ScopedFuture;

pub async fn in_request_language(req: Request, next: Next) -> Response {
    let locale = req
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_default();
    let owner = Owner::new();
    owner.with(|| provide_context(locale));
    // Each poll runs under the owner, so `locale::current()` finds it
    // whichever worker thread polls.
    owner
        .with(|| ScopedFuture::new_untracked(next.run(req)))
        .await
}
