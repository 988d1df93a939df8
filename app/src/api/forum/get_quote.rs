use crate::error::AppError;
use leptos::prelude::*;

/// A post as a Markdown quote, for the reply box's Quote button.
#[server(prefix = "/api", endpoint = "get_quote")]
pub async fn get_quote(post_id: i64) -> Result<String, AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::posts;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            posts::quote(&state, &actor, post_id).await
        }
        .await,
    )
}
