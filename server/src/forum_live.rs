//! Live topic updates as server-sent events. The stream polls the database
//! (no in-process pub/sub, so it works the same behind several instances)
//! and tells the page when the topic has newer posts; the page then fetches
//! just those through a server function.

use crate::ServerState;
use app::ssr::services::forum::topics;
use app::ssr::Actor;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures_util::stream;
use serde::Deserialize;
use std::convert::Infallible;
use std::time::Duration;

const POLL: Duration = Duration::from_secs(2);
/// Streams end after this; the browser's EventSource reconnects by itself.
const LIFETIME: Duration = Duration::from_secs(30 * 60);

#[derive(Deserialize)]
pub struct Since {
    #[serde(default)]
    after: i64,
}

pub async fn live(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
    Query(since): Query<Since>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    // Refuse topics the member may not see before opening a stream.
    if let Err(e) = topics::latest_post_id(&state.app, &actor, id).await {
        return StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::NOT_FOUND)
            .into_response();
    }
    let started = tokio::time::Instant::now();
    let app = state.app.clone();
    let events = stream::unfold(since.after, move |mut seen| {
        let app = app.clone();
        let actor = actor.clone();
        async move {
            loop {
                if started.elapsed() > LIFETIME {
                    return None;
                }
                tokio::time::sleep(POLL).await;
                match topics::latest_post_id(&app, &actor, id).await {
                    Ok(latest) if latest > seen => {
                        seen = latest;
                        let event = Event::default().event("message").data(latest.to_string());
                        return Some((Ok::<_, Infallible>(event), seen));
                    }
                    Ok(_) => {}
                    // The topic went away or the database is down: end the
                    // stream; the browser retries later.
                    Err(_) => return None,
                }
            }
        }
    });
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}
