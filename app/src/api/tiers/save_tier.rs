//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Creates (no `id`) or changes a tier: its name, rank and benefits.
#[server(prefix = "/api", endpoint = "save_tier")]
pub async fn save_tier(
    #[server(default)] id: Option<i64>,
    name: String,
    #[server(default)] language: String,
    #[server(default)] versions: BTreeMap<String, String>,
    rank: String,
    deal_protection_days: String,
    lead_weight: String,
    #[server(default)] mdf_accrual: String,
    #[server(default)] discount: String,
) -> Result<(), AppError> {
    use crate::ssr::services::tiers;
    crate::api::as_actor(|state, actor| async move {
        let input = tiers::TierInput {
            id,
            name,
            language,
            versions,
            rank,
            deal_protection_days,
            lead_weight,
            mdf_accrual,
            discount,
        };
        let code = tiers::save(&state, &actor, input)
            .await
            .map_err(|e| e.for_record(id))?;
        leptos_axum::redirect(&format!("/tiers?saved={code}"));
        Ok(())
    })
    .await
}
