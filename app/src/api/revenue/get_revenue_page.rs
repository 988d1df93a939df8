use crate::error::AppError;
use crate::types::revenue::RevenuePage;
use leptos::prelude::*;

/// The program's currency and exchange rates, the latest periods' totals
/// and the latest revenue figures.
#[server(prefix = "/api", endpoint = "get_revenue_page")]
pub async fn get_revenue_page() -> Result<RevenuePage, AppError> {
    use crate::ssr::services::revenue;
    crate::api::as_actor(|state, actor| async move { revenue::page(&state, &actor).await }).await
}
