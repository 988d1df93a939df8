use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Creates (no `id`) or renames a partner type. The checkbox arrives as
/// `distributes=on`, or not at all.
#[server(prefix = "/api", endpoint = "save_partner_type")]
pub async fn save_partner_type(
    #[server(default)] id: Option<i64>,
    name: String,
    #[server(default)] language: String,
    #[server(default)] versions: BTreeMap<String, String>,
    #[server(default)] distributes: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::services::partner_types;
    crate::api::as_actor(|state, actor| async move {
        let input = partner_types::TypeInput {
            id,
            name,
            language,
            versions,
            distributes: distributes.is_some(),
        };
        let code = partner_types::save(&state, &actor, input)
            .await
            .map_err(|e| e.for_record(id))?;
        leptos_axum::redirect(&format!("/tiers?saved={code}"));
        Ok(())
    })
    .await
}
