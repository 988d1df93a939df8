use crate::error::AppError;
use crate::types::product::ProductForm;
use leptos::prelude::*;

/// The product form: product `id` as stored, or a new one.
#[server(prefix = "/api", endpoint = "get_product_form")]
pub async fn get_product_form(#[server(default)] id: Option<i64>) -> Result<ProductForm, AppError> {
    use crate::ssr::services::products;
    crate::api::as_actor(|state, actor| async move { products::form(&state, &actor, id).await })
        .await
}
