use crate::error::AppError;
use crate::types::deal::{DealDecision, RejectReason};
use crate::types::Choice;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Approve, return for changes (`reason` says what, the ticked `parts`
/// which parts), or reject
/// (`reason_code` says why).
#[server(prefix = "/api", endpoint = "decide_deal")]
pub async fn decide_deal(
    id: i64,
    version: i32,
    decision: Choice<DealDecision>,
    #[server(default)] reason_code: Choice<RejectReason>,
    #[server(default)] reason: String,
    #[server(default)] parts: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::deals::review::{self, Decision};
    crate::api::as_actor(|state, actor| async move {
        let d = Decision {
            decision,
            reason_code,
            reason,
            parts: parts.into_keys().collect(),
        };
        review::decide(&state, &actor, id, version, &d).await?;
        leptos_axum::redirect(&format!("/deals/{id}?saved=decided"));
        Ok(())
    })
    .await
}
