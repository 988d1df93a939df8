//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::product::ProductUnit;
use crate::types::Choice;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Creates (no `id`) or changes a product. The checkbox arrives as
/// `active=on`, or not at all.
#[server(prefix = "/api", endpoint = "save_product")]
pub async fn save_product(
    #[server(default)] id: Option<i64>,
    sku: String,
    family: String,
    unit: Choice<ProductUnit>,
    #[server(default)] active: Option<String>,
    name: String,
    #[server(default)] description: String,
    #[server(default)] language: String,
    #[server(default)] versions: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::products;
    crate::api::as_actor(|state, actor| async move {
        let input = products::ProductInput {
            id,
            sku,
            family,
            unit,
            active: active.is_some(),
            name,
            description,
            language,
            versions,
        };
        products::save(&state, &actor, input).await?;
        leptos_axum::redirect("/products?saved=product");
        Ok(())
    })
    .await
}
