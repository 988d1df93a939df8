use crate::error::AppError;
use leptos::prelude::*;

/// Likes a post or takes the like back.
#[server(prefix = "/api", endpoint = "like_post")]
pub async fn like_post(post_id: i64) -> Result<(), AppError> {
    use super::topic_href;

    use crate::ssr::services::forum::{posts, topics};
    crate::api::as_actor(|state, actor| async move {
        posts::toggle_like(&state, &actor, post_id).await?;
        let (topic_id, after) = topics::locate(&state, &actor, post_id).await?;
        leptos_axum::redirect(&topic_href(topic_id, after, post_id));
        Ok(())
    })
    .await
}
