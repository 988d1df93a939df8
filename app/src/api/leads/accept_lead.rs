use crate::error::AppError;
use leptos::prelude::*;

/// The partner accepts the lead offered to it, and learns who it is.
#[server(prefix = "/api", endpoint = "accept_lead")]
pub async fn accept_lead(id: i64, version: i32) -> Result<(), AppError> {
    use crate::ssr::services::leads::respond;
    crate::api::as_actor(|state, actor| async move {
        respond::accept(&state, &actor, (id, version)).await?;
        leptos_axum::redirect(&format!("/leads/{id}?saved=accepted"));
        Ok(())
    })
    .await
}
