use crate::error::AppError;
use leptos::prelude::*;

/// Vendor staff close a lead nobody should work, saying why.
#[server(prefix = "/api", endpoint = "close_lead")]
pub async fn close_lead(
    id: i64,
    version: i32,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::ssr::services::leads::respond;
    crate::api::as_actor(|state, actor| async move {
        respond::close(&state, &actor, (id, version), &note).await?;
        leptos_axum::redirect(&format!("/leads/{id}?saved=closed"));
        Ok(())
    })
    .await
}
