use crate::error::AppError;
use leptos::prelude::*;

/// Marks the accepted answer (no `post_id` clears it).
#[server(prefix = "/api", endpoint = "accept_answer")]
pub async fn accept_answer(
    topic_id: i64,
    #[server(default)] post_id: Option<i64>,
) -> Result<(), AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::posts;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            posts::accept(&state, &actor, topic_id, post_id).await?;
            leptos_axum::redirect(&format!("/forum/topics/{topic_id}?saved=accepted"));
            Ok(())
        }
        .await,
    )
}
