use crate::error::AppError;
use crate::types::campaign::CampaignDetail;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_campaign")]
pub async fn get_campaign(
    id: i64,
    /// Vendor view: show this partner company's activity in the chart.
    #[server(default)]
    partner: Option<i64>,
) -> Result<CampaignDetail, AppError> {
    use crate::ssr::services::campaigns::participate;
    crate::api::as_actor(|state, actor| async move {
        participate::detail(&state, &actor, id, partner).await
    })
    .await
}
