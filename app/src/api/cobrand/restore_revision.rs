use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "restore_revision")]
pub async fn restore_revision(id: i64, version: i32, revision_id: i64) -> Result<(), AppError> {
    use crate::ssr::services::cobrand::designs;
    crate::api::as_actor(|state, actor| async move {
        designs::restore(&state, &actor, id, version, revision_id).await?;
        leptos_axum::redirect(&format!("/cobrand/designs/{id}?saved=restored"));
        Ok(())
    })
    .await
}
