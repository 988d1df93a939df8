use crate::error::AppError;
use crate::types::deal::ConflictResolution;
use crate::types::Choice;
use leptos::prelude::*;

/// The earlier registration stands (this one is rejected), or this one
/// goes ahead (`resolution_reason` says why).
#[server(prefix = "/api", endpoint = "resolve_deal_conflict")]
pub async fn resolve_deal_conflict(
    id: i64,
    version: i32,
    conflict_id: i64,
    resolution: Choice<ConflictResolution>,
    #[server(default)] resolution_reason: String,
) -> Result<(), AppError> {
    use crate::ssr::services::deals::review;
    crate::api::as_actor(|state, actor| async move {
        review::resolve_conflict(
            &state,
            &actor,
            (id, version),
            conflict_id,
            &resolution,
            &resolution_reason,
        )
        .await?;
        leptos_axum::redirect(&format!("/deals/{id}?saved=conflict"));
        Ok(())
    })
    .await
}
