//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::cobrand::{TemplateFormat, TemplateKind};
use crate::types::Choice;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Creates (no `id`) or updates a template; a changed source is a new
/// version. Checkboxes arrive as `tiers[gold]=on`.
#[server(prefix = "/api", endpoint = "save_template")]
pub async fn save_template(
    #[server(default)] id: Option<i64>,
    name: String,
    #[server(default)] description: String,
    #[server(default)] kind: Choice<TemplateKind>,
    format: Choice<TemplateFormat>,
    #[server(default)] requires_approval: Option<String>,
    #[server(default)] tiers: BTreeMap<String, String>,
    #[server(default)] types: BTreeMap<String, String>,
    source: String,
    #[server(default)] note: String,
    #[server(default)] language: String,
    #[server(default)] versions: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::cobrand::templates::{self, TemplateInput};
    crate::api::as_actor(|state, actor| async move {
        let input = TemplateInput {
            name,
            description,
            kind,
            format,
            requires_approval: requires_approval.is_some(),
            tiers: tiers.into_keys().collect(),
            types: types.into_keys().collect(),
            source,
            note,
            language,
            versions,
        };
        let id = templates::save(&state, &actor, id, input).await?;
        leptos_axum::redirect(&format!("/cobrand/templates/{id}?saved=1"));
        Ok(())
    })
    .await
}
