use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "archive_template")]
pub async fn archive_template(id: i64) -> Result<(), AppError> {
    use crate::ssr::services::cobrand::templates;
    crate::api::as_actor(|state, actor| async move {
        templates::archive(&state, &actor, id).await?;
        leptos_axum::redirect(&format!("/cobrand/templates/{id}?saved=archived"));
        Ok(())
    })
    .await
}
