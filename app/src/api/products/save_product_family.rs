use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Creates (no `id`) or renames a product family.
#[server(prefix = "/api", endpoint = "save_product_family")]
pub async fn save_product_family(
    #[server(default)] id: Option<i64>,
    name: String,
    #[server(default)] language: String,
    #[server(default)] versions: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::products;
    crate::api::as_actor(|state, actor| async move {
        let input = products::FamilyInput {
            id,
            name,
            language,
            versions,
        };
        products::save_family(&state, &actor, input).await?;
        leptos_axum::redirect("/products?saved=family");
        Ok(())
    })
    .await
}
