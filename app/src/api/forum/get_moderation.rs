use crate::error::AppError;
use crate::types::forum::ModerationPage;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_moderation")]
pub async fn get_moderation() -> Result<ModerationPage, AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::moderation;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            moderation::page(&state, &actor).await
        }
        .await,
    )
}
