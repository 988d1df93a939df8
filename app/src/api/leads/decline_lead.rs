use crate::error::AppError;
use crate::types::lead::DeclineReason;
use crate::types::Choice;
use leptos::prelude::*;

/// The partner declines the offer with a reason; the lead routes on.
#[server(prefix = "/api", endpoint = "decline_lead")]
pub async fn decline_lead(
    id: i64,
    version: i32,
    #[server(default)] reason: Choice<DeclineReason>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::ssr::services::leads::respond;
    crate::api::as_actor(|state, actor| async move {
        respond::decline(&state, &actor, (id, version), &reason, &note).await?;
        leptos_axum::redirect("/leads?saved=declined");
        Ok(())
    })
    .await
}
