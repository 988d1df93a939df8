use crate::error::AppError;
use crate::types::deal::{DealOutcome, LostReason};
use crate::types::Choice;
use leptos::prelude::*;

/// Reports an approved deal won (with its close date and final amount),
/// lost (with a reason) or cancelled.
#[server(prefix = "/api", endpoint = "close_deal")]
pub async fn close_deal(
    id: i64,
    version: i32,
    outcome: Choice<DealOutcome>,
    #[server(default)] closed_on: String,
    #[server(default)] amount: String,
    #[server(default)] lost_reason: Choice<LostReason>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::ssr::services::deals::close::{self, Closing};
    crate::api::as_actor(|state, actor| async move {
        let closing = Closing {
            outcome,
            closed_on,
            amount,
            lost_reason,
            note,
        };
        close::close(&state, &actor, (id, version), &closing).await?;
        leptos_axum::redirect(&format!("/deals/{id}?saved=closed"));
        Ok(())
    })
    .await
}
