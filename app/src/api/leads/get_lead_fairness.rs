use crate::error::AppError;
use crate::types::lead::FairnessReport;
use leptos::prelude::*;

/// The fairness report over the last `days` (30, 90 or 365).
#[server(prefix = "/api", endpoint = "get_lead_fairness")]
pub async fn get_lead_fairness(#[server(default)] days: u32) -> Result<FairnessReport, AppError> {
    use crate::ssr::services::leads::fairness;
    crate::api::as_actor(|state, actor| async move { fairness::report(&state, &actor, days).await })
        .await
}
