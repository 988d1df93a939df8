use crate::error::AppError;
use leptos::prelude::*;

/// Saves the claim's figures (a draft until submitted).
#[server(prefix = "/api", endpoint = "save_claim")]
pub async fn save_claim(
    id: i64,
    #[server(default)] version: i32,
    actual: String,
    #[server(default)] actual_leads: String,
    #[server(default)] actual_attendees: String,
    #[server(default)] actual_pipeline: String,
    results: String,
) -> Result<(), AppError> {
    use crate::ssr::services::funds::claims;
    crate::api::as_actor(|state, actor| async move {
        let typed = [
            ("actual", actual.clone()),
            ("actual_leads", actual_leads.clone()),
            ("actual_attendees", actual_attendees.clone()),
            ("actual_pipeline", actual_pipeline.clone()),
            ("results", results.clone()),
        ];
        let input = claims::ClaimInput {
            actual,
            actual_leads,
            actual_attendees,
            actual_pipeline,
            results,
        };
        claims::save(&state, &actor, id, version, input)
            .await
            .map_err(|e| e.keeping(&typed))?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=claim"));
        Ok(())
    })
    .await
}
