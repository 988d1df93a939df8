use crate::error::AppError;
use leptos::prelude::*;

/// Publish, pause, resume or end (`action` is the move's code).
#[server(prefix = "/api", endpoint = "change_campaign_status")]
pub async fn change_campaign_status(id: i64, action: String) -> Result<(), AppError> {
    use crate::ssr::services::campaigns::manage;
    use crate::types::campaign::CampaignMove;
    crate::api::as_actor(|state, actor| async move {
        let m = CampaignMove::parse(&action).ok_or(AppError::NotFound)?;
        manage::change_status(&state, &actor, id, m).await?;
        leptos_axum::redirect(&format!("/campaigns/{id}?saved={}", m.as_str()));
        Ok(())
    })
    .await
}
