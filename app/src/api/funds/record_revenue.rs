use crate::error::AppError;
use leptos::prelude::*;

/// One partner's revenue for a period, accruing co-op funds.
#[server(prefix = "/api", endpoint = "record_revenue")]
pub async fn record_revenue(
    budget_id: String,
    partner_id: String,
    period: String,
    revenue: String,
) -> Result<(), AppError> {
    use crate::ssr::services::funds::coop;
    crate::api::as_actor(|state, actor| async move {
        coop::record(&state, &actor, &budget_id, &partner_id, &period, &revenue).await?;
        leptos_axum::redirect("/funds?saved=revenue");
        Ok(())
    })
    .await
}
