use crate::error::AppError;
use crate::types::forum::PostEdit;
use leptos::prelude::*;

/// A post as its editor starts from: author or moderator only.
#[server(prefix = "/api", endpoint = "get_post_edit")]
pub async fn get_post_edit(post_id: i64) -> Result<PostEdit, AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::posts;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            posts::for_edit(&state, &actor, post_id).await
        }
        .await,
    )
}
