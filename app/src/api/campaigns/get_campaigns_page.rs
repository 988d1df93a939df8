use crate::error::AppError;
use crate::types::campaign::CampaignsPage;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_campaigns_page")]
pub async fn get_campaigns_page() -> Result<CampaignsPage, AppError> {
    use crate::ssr::{context, services::campaigns::participate};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            participate::page(&state, &actor).await
        }
        .await,
    )
}
