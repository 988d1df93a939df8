use crate::error::AppError;
use crate::types::forum::ModerationPage;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_moderation")]
pub async fn get_moderation() -> Result<ModerationPage, AppError> {
    use crate::ssr::services::forum::moderation;
    crate::api::as_actor(|state, actor| async move { moderation::page(&state, &actor).await }).await
}
