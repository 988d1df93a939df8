use crate::error::AppError;
use leptos::prelude::*;

/// Products as CSV (the export's columns, in either language), all rows
/// or none.
#[server(prefix = "/api", endpoint = "import_products")]
pub async fn import_products(csv: String) -> Result<(), AppError> {
    use crate::ssr::services::products::file;
    crate::api::as_actor(|state, actor| async move {
        let done = file::import(&state, &actor, &csv).await?;
        leptos_axum::redirect(&format!(
            "/products?saved=import&created={}&updated={}",
            done.created, done.updated
        ));
        Ok(())
    })
    .await
}
