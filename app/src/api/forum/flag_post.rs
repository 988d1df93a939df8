use crate::error::AppError;
use crate::types::forum::FlagReason;
use crate::types::Choice;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "flag_post")]
pub async fn flag_post(
    post_id: i64,
    reason: Choice<FlagReason>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::ssr::services::forum::posts;
    crate::api::as_actor(|state, actor| async move {
        let topic_id = posts::flag(&state, &actor, post_id, &reason, &note).await?;
        leptos_axum::redirect(&format!(
            "/forum/topics/{topic_id}?saved=flagged#post-{post_id}"
        ));
        Ok(())
    })
    .await
}
