use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "set_forum_approval")]
pub async fn set_forum_approval(
    #[server(default)] approve_first_posts: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::moderation;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            moderation::set_approve_first_posts(&state, &actor, approve_first_posts.is_some())
                .await?;
            leptos_axum::redirect("/forum/moderation?saved=settings");
            Ok(())
        }
        .await,
    )
}
