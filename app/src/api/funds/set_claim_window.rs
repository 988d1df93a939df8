use crate::error::AppError;
use leptos::prelude::*;

/// Days after an activity ends within which claims are accepted.
#[server(prefix = "/api", endpoint = "set_claim_window")]
pub async fn set_claim_window(days: String) -> Result<(), AppError> {
    use crate::ssr::services::funds::settings;
    crate::api::as_actor(|state, actor| async move {
        settings::set_claim_days(&state, &actor, &days).await?;
        leptos_axum::redirect("/funds?saved=window");
        Ok(())
    })
    .await
}
