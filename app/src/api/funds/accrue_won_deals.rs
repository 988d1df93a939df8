use crate::error::AppError;
use leptos::prelude::*;

/// The won deals of a `period` accrue into co-op budget `budget_id`, for
/// each partner with no co-op figure for that period yet; how many.
#[server(prefix = "/api", endpoint = "accrue_won_deals")]
pub async fn accrue_won_deals(
    #[server(default)] budget_id: String,
    #[server(default)] period: String,
) -> Result<usize, AppError> {
    use crate::ssr::services::funds::coop_deals;
    crate::api::as_actor(|state, actor| async move {
        let done = coop_deals::accrue(&state, &actor, &budget_id, &period).await?;
        leptos_axum::redirect(&format!(
            "/funds?saved=won_deals&accrued={}&skipped={}",
            done.partners, done.skipped
        ));
        Ok(done.partners)
    })
    .await
}
