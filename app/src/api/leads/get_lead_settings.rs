use crate::error::AppError;
use crate::types::lead::LeadSettings;
use leptos::prelude::*;

/// The program's lead settings.
#[server(prefix = "/api", endpoint = "get_lead_settings")]
pub async fn get_lead_settings() -> Result<LeadSettings, AppError> {
    use crate::ssr::services::leads::settings;
    crate::api::as_actor(|state, actor| async move { settings::program(&state, &actor).await })
        .await
}
