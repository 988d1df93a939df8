//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::forum::CategoryVisibility;
use crate::types::Choice;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Creates (no `id`) or changes a category. Checkboxes arrive as `tiers[gold]=on`.
#[server(prefix = "/api", endpoint = "save_category")]
pub async fn save_category(
    #[server(default)] id: Option<i64>,
    name: String,
    #[server(default)] description: String,
    visibility: Choice<CategoryVisibility>,
    #[server(default)] tiers: BTreeMap<String, String>,
    #[server(default)] types: BTreeMap<String, String>,
    #[server(default)] language: String,
    #[server(default)] versions: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::forum::categories;
    crate::api::as_actor(|state, actor| async move {
        let id = categories::save(
            &state,
            &actor,
            categories::CategoryInput {
                id,
                name,
                description,
                visibility,
                tiers: tiers.into_keys().collect(),
                types: types.into_keys().collect(),
                language,
                versions,
            },
        )
        .await?;
        leptos_axum::redirect(&format!("/forum?category={id}&saved=category"));
        Ok(())
    })
    .await
}
