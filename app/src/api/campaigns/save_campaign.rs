//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Creates (no `id`) or updates a campaign. Checkboxes arrive as
/// `tiers[gold]=on`, `assets[12]=on`.
#[server(prefix = "/api", endpoint = "save_campaign")]
pub async fn save_campaign(
    #[server(default)] id: Option<i64>,
    #[server(default)] version: i32,
    name: String,
    #[server(default)] goal: String,
    #[server(default)] description: String,
    #[server(default)] starts_on: String,
    #[server(default)] ends_on: String,
    #[server(default)] tiers: BTreeMap<String, String>,
    #[server(default)] types: BTreeMap<String, String>,
    #[server(default)] regions: BTreeMap<String, String>,
    #[server(default)] email_template_id: String,
    #[server(default)] email_subject: String,
    #[server(default)] assets: BTreeMap<String, String>,
    #[server(default)] social_template_id: String,
    #[server(default)] social_copy: String,
    #[server(default)] schedule: String,
    #[server(default)] language: String,
    #[server(default)] versions: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::campaigns::manage::{self, CampaignInput};
    crate::api::as_actor(|state, actor| async move {
        let input = CampaignInput {
            name,
            goal,
            description,
            starts_on,
            ends_on,
            tiers: tiers.into_keys().collect(),
            types: types.into_keys().collect(),
            regions: regions.into_keys().collect(),
            email_template_id,
            email_subject,
            asset_template_ids: assets.into_keys().collect(),
            social_template_id,
            social_copy,
            schedule,
            version,
            language,
            versions,
        };
        let id = manage::save(&state, &actor, id, input).await?;
        leptos_axum::redirect(&format!("/campaigns/{id}?saved=1"));
        Ok(())
    })
    .await
}
