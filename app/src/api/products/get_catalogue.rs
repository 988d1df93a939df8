use crate::error::AppError;
use crate::types::product::{CatalogueView, ProductFilter};
use leptos::prelude::*;

/// One page of the product catalogue and every family.
#[server(prefix = "/api", endpoint = "get_catalogue")]
pub async fn get_catalogue(
    #[server(default)] filter: ProductFilter,
) -> Result<CatalogueView, AppError> {
    use crate::ssr::services::products;
    crate::api::as_actor(
        |state, actor| async move { products::catalogue(&state, &actor, filter).await },
    )
    .await
}
