use crate::error::AppError;
use leptos::prelude::*;

/// A partner's admin pauses its leads until a date (empty: resumes them).
#[server(prefix = "/api", endpoint = "pause_leads")]
pub async fn pause_leads(
    partner_id: i64,
    #[server(default)] paused_until: String,
) -> Result<(), AppError> {
    use crate::ssr::services::leads::settings;
    crate::api::as_actor(|state, actor| async move {
        settings::pause(&state, &actor, partner_id, &paused_until).await?;
        leptos_axum::redirect(&format!("/partners/{partner_id}?saved=leads#leads"));
        Ok(())
    })
    .await
}
