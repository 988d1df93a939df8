use crate::error::AppError;
use crate::types::cobrand::DesignDecision;
use crate::types::Choice;
use leptos::prelude::*;

/// A comment is required to reject.
#[server(prefix = "/api", endpoint = "review_design")]
pub async fn review_design(
    id: i64,
    version: i32,
    decision: Choice<DesignDecision>,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::ssr::services::cobrand::designs;
    crate::api::as_actor(|state, actor| async move {
        let approve = match decision.known() {
            Some(DesignDecision::Approve) => true,
            Some(DesignDecision::Reject) => false,
            None => {
                return Err(AppError::invalid(
                    "decision",
                    crate::tr!(cobrand.approve_or_reject),
                ))
            }
        };
        designs::review(&state, &actor, id, version, approve, &comment).await?;
        leptos_axum::redirect(&format!("/cobrand/designs/{id}?saved=reviewed"));
        Ok(())
    })
    .await
}
