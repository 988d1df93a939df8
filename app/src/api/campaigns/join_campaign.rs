use crate::error::AppError;
use leptos::prelude::*;

/// Opts the partner's company in to a campaign.
#[server(prefix = "/api", endpoint = "join_campaign")]
pub async fn join_campaign(id: i64) -> Result<(), AppError> {
    use crate::ssr::services::campaigns::participate;
    crate::api::as_actor(|state, actor| async move {
        participate::join(&state, &actor, id).await?;
        leptos_axum::redirect(&format!("/campaigns/{id}?saved=joined"));
        Ok(())
    })
    .await
}
