use crate::error::AppError;
use crate::types::lead::RoutingMode;
use crate::types::Choice;
use leptos::prelude::*;

/// The program's business hours to accept an offer and to first contact a
/// lead, and how a partner is drawn.
#[server(prefix = "/api", endpoint = "save_lead_settings")]
pub async fn save_lead_settings(
    #[server(default)] accept_hours: String,
    #[server(default)] contact_hours: String,
    #[server(default)] routing: Choice<RoutingMode>,
) -> Result<(), AppError> {
    use crate::ssr::services::leads::settings;
    crate::api::as_actor(|state, actor| async move {
        settings::save_program(&state, &actor, &accept_hours, &contact_hours, &routing).await?;
        leptos_axum::redirect("/leads/settings?saved=1");
        Ok(())
    })
    .await
}
