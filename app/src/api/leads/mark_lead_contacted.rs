use crate::error::AppError;
use leptos::prelude::*;

/// The partner records its first contact with the lead.
#[server(prefix = "/api", endpoint = "mark_lead_contacted")]
pub async fn mark_lead_contacted(id: i64, version: i32) -> Result<(), AppError> {
    use crate::ssr::services::leads::respond;
    crate::api::as_actor(|state, actor| async move {
        respond::contacted(&state, &actor, (id, version)).await?;
        leptos_axum::redirect(&format!("/leads/{id}?saved=contacted"));
        Ok(())
    })
    .await
}
