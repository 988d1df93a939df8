use crate::error::AppError;
use crate::types::forum::PostView;
use leptos::prelude::*;

/// Replies newer than `after`, for live updates.
#[server(prefix = "/api", endpoint = "get_new_posts")]
pub async fn get_new_posts(topic_id: i64, after: i64) -> Result<Vec<PostView>, AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::topics;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            topics::posts_after(&state, &actor, topic_id, after).await
        }
        .await,
    )
}
