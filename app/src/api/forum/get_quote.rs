use crate::error::AppError;
use leptos::prelude::*;

/// A post as a Markdown quote, for the reply box's Quote button.
#[server(prefix = "/api", endpoint = "get_quote")]
pub async fn get_quote(post_id: i64) -> Result<String, AppError> {
    use crate::ssr::services::forum::posts;
    crate::api::as_actor(|state, actor| async move { posts::quote(&state, &actor, post_id).await })
        .await
}
