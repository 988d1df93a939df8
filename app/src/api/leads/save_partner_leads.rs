use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Vendor staff set a partner's lead capacity per 30 days (empty: no
/// limit) and the product families it specialises in (`families[id]`).
#[server(prefix = "/api", endpoint = "save_partner_leads")]
pub async fn save_partner_leads(
    partner_id: i64,
    #[server(default)] capacity: String,
    #[server(default)] families: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::leads::settings;
    crate::api::as_actor(|state, actor| async move {
        let families: Vec<String> = families.into_keys().collect();
        settings::save_partner(&state, &actor, partner_id, &capacity, &families).await?;
        leptos_axum::redirect(&format!("/partners/{partner_id}?saved=leads#leads"));
        Ok(())
    })
    .await
}
