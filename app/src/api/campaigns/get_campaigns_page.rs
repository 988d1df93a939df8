use crate::error::AppError;
use crate::types::campaign::CampaignsPage;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_campaigns_page")]
pub async fn get_campaigns_page() -> Result<CampaignsPage, AppError> {
    use crate::ssr::services::campaigns::participate;
    crate::api::as_actor(|state, actor| async move { participate::page(&state, &actor).await })
        .await
}
