use crate::error::AppError;
use crate::types::funds::RequestDecision;
use crate::types::Choice;
use leptos::prelude::*;

/// `amount` may be less than requested (partial approval, with a reason).
#[server(prefix = "/api", endpoint = "decide_fund_request")]
pub async fn decide_fund_request(
    id: i64,
    version: i32,
    decision: Choice<RequestDecision>,
    #[server(default)] amount: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::ssr::services::funds::requests;
    crate::api::as_actor(|state, actor| async move {
        requests::decide(&state, &actor, id, version, &decision, &amount, &reason).await?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=decided"));
        Ok(())
    })
    .await
}
