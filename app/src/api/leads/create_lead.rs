//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::lead::LeadPriority;
use crate::types::Choice;
use leptos::prelude::*;

/// Enters a lead and routes it at once. `key` makes a double submit enter
/// it once; `campaign` names the campaign it answered.
#[server(prefix = "/api", endpoint = "create_lead")]
pub async fn create_lead(
    key: String,
    #[server(default)] company: String,
    #[server(default)] contact_name: String,
    #[server(default)] contact_email: String,
    #[server(default)] contact_phone: String,
    #[server(default)] country: String,
    #[server(default)] region: String,
    #[server(default)] city: String,
    #[server(default)] postcode: String,
    #[server(default)] coordinates: String,
    #[server(default)] family: String,
    #[server(default)] certification: String,
    #[server(default)] segment: String,
    #[server(default)] priority: Choice<LeadPriority>,
    #[server(default)] campaign: String,
    #[server(default)] notes: String,
) -> Result<i64, AppError> {
    use crate::ssr::services::leads::intake::{self, LeadInput};
    crate::api::as_actor(|state, actor| async move {
        let input = LeadInput {
            company,
            contact_name,
            contact_email,
            contact_phone,
            country,
            region,
            city,
            postcode,
            coordinates,
            family,
            certification,
            segment,
            priority,
            notes,
        };
        let id = intake::create(&state, &actor, &key, input, &campaign).await?;
        leptos_axum::redirect(&format!("/leads/{id}?saved=created"));
        Ok(id)
    })
    .await
}
