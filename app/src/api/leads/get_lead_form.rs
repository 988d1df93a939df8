use crate::error::AppError;
use crate::types::lead::LeadForm;
use leptos::prelude::*;

/// What the lead form and the import offer.
#[server(prefix = "/api", endpoint = "get_lead_form")]
pub async fn get_lead_form() -> Result<LeadForm, AppError> {
    use crate::ssr::services::leads::read;
    crate::api::as_actor(|state, actor| async move { read::form(&state, &actor).await }).await
}
