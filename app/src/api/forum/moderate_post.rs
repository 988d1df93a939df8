use crate::error::AppError;
use crate::types::forum::PostAction;
use crate::types::Choice;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "moderate_post")]
pub async fn moderate_post(
    post_id: i64,
    action: Choice<PostAction>,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use crate::ssr::services::forum::moderation;
    crate::api::as_actor(|state, actor| async move {
        let topic_id = moderation::act_on_post(&state, &actor, post_id, &action).await?;
        // Only our own moderation pages are valid destinations.
        let back = if back.starts_with("/forum/moderation") {
            crate::api::own_page::own_page(Some(&back))
        } else {
            format!("/forum/topics/{topic_id}#post-{post_id}")
        };
        leptos_axum::redirect(&back);
        Ok(())
    })
    .await
}
