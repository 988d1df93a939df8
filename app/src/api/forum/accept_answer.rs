use crate::error::AppError;
use leptos::prelude::*;

/// Marks the accepted answer (no `post_id` clears it).
#[server(prefix = "/api", endpoint = "accept_answer")]
pub async fn accept_answer(
    topic_id: i64,
    #[server(default)] post_id: Option<i64>,
) -> Result<(), AppError> {
    use crate::ssr::services::forum::posts;
    crate::api::as_actor(|state, actor| async move {
        posts::accept(&state, &actor, topic_id, post_id).await?;
        leptos_axum::redirect(&format!("/forum/topics/{topic_id}?saved=accepted"));
        Ok(())
    })
    .await
}
