use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "submit_claim")]
pub async fn submit_claim(id: i64, version: i32) -> Result<(), AppError> {
    use crate::ssr::services::funds::claims;
    crate::api::as_actor(|state, actor| async move {
        claims::submit(&state, &actor, id, version).await?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=claim_submitted"));
        Ok(())
    })
    .await
}
