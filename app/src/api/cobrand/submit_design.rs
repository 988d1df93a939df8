use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "submit_design")]
pub async fn submit_design(id: i64, version: i32) -> Result<(), AppError> {
    use crate::ssr::services::cobrand::designs;
    crate::api::as_actor(|state, actor| async move {
        designs::submit(&state, &actor, id, version).await?;
        leptos_axum::redirect(&format!("/cobrand/designs/{id}?saved=submitted"));
        Ok(())
    })
    .await
}
