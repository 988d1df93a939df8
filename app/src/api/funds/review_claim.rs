use crate::error::AppError;
use crate::types::funds::ClaimDecision;
use crate::types::Choice;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "review_claim")]
pub async fn review_claim(
    id: i64,
    version: i32,
    decision: Choice<ClaimDecision>,
    #[server(default)] claim_amount: String,
    #[server(default)] claim_reason: String,
) -> Result<(), AppError> {
    use crate::ssr::services::funds::claims;
    crate::api::as_actor(|state, actor| async move {
        // Someone deciding first leaves this reviewer's note in the form.
        let typed = [
            ("claim_amount", claim_amount.clone()),
            ("claim_reason", claim_reason.clone()),
        ];
        claims::review(
            &state,
            &actor,
            id,
            version,
            &decision,
            &claim_amount,
            &claim_reason,
        )
        .await
        .map_err(|e| e.keeping(&typed))?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=claim_reviewed"));
        Ok(())
    })
    .await
}
