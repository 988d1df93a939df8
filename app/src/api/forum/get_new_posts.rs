use crate::error::AppError;
use crate::types::forum::PostView;
use leptos::prelude::*;

/// Replies newer than `after`, for live updates.
#[server(prefix = "/api", endpoint = "get_new_posts")]
pub async fn get_new_posts(topic_id: i64, after: i64) -> Result<Vec<PostView>, AppError> {
    use crate::ssr::services::forum::topics;
    crate::api::as_actor(|state, actor| async move {
        topics::posts_after(&state, &actor, topic_id, after).await
    })
    .await
}
