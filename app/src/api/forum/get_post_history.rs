use crate::error::AppError;
use crate::types::forum::PostHistory;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_post_history")]
pub async fn get_post_history(post_id: i64) -> Result<PostHistory, AppError> {
    use crate::ssr::services::forum::posts;
    crate::api::as_actor(
        |state, actor| async move { posts::history(&state, &actor, post_id).await },
    )
    .await
}
