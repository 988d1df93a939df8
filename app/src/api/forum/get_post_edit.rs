use crate::error::AppError;
use crate::types::forum::PostEdit;
use leptos::prelude::*;

/// A post as its editor starts from: author or moderator only.
#[server(prefix = "/api", endpoint = "get_post_edit")]
pub async fn get_post_edit(post_id: i64) -> Result<PostEdit, AppError> {
    use crate::ssr::services::forum::posts;
    crate::api::as_actor(
        |state, actor| async move { posts::for_edit(&state, &actor, post_id).await },
    )
    .await
}
