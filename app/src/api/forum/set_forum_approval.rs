use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "set_forum_approval")]
pub async fn set_forum_approval(
    #[server(default)] approve_first_posts: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::services::forum::moderation;
    crate::api::as_actor(|state, actor| async move {
        moderation::set_approve_first_posts(&state, &actor, approve_first_posts.is_some()).await?;
        leptos_axum::redirect("/forum/moderation?saved=settings");
        Ok(())
    })
    .await
}
