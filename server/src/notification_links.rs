//! `/notifications/{id}/open`: the link behind every notification in the
//! portal and in digests. It marks the notification read and goes on to
//! the page it is about; signed out, it goes through sign-in first.

use crate::ServerState;
use app::ssr::services::notifications;
use app::ssr::Actor;
use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::Extension;

pub async fn open(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Redirect {
    let Some(Extension(actor)) = actor else {
        return Redirect::to(&format!("/sign-in?next=/notifications/{id}/open"));
    };
    match notifications::open(&state.app, &actor, id).await {
        Ok(link) => Redirect::to(&link),
        // Someone else's, or gone: their own list instead.
        Err(_) => Redirect::to("/notifications"),
    }
}
