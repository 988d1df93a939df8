use crate::error::AppError;
use leptos::prelude::*;

/// Adds a comment to a registration's conversation.
#[server(prefix = "/api", endpoint = "add_deal_comment")]
pub async fn add_deal_comment(id: i64, #[server(default)] body: String) -> Result<(), AppError> {
    use crate::ssr::services::deals::comments;
    crate::api::as_actor(|state, actor| async move {
        comments::add(&state, &actor, id, &body).await?;
        leptos_axum::redirect(&format!("/deals/{id}?saved=commented#conversation"));
        Ok(())
    })
    .await
}
