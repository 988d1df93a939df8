use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "publish_template")]
pub async fn publish_template(id: i64, number: i32) -> Result<(), AppError> {
    use crate::ssr::services::cobrand::templates;
    crate::api::as_actor(|state, actor| async move {
        templates::publish(&state, &actor, id, number).await?;
        leptos_axum::redirect(&format!("/cobrand/templates/{id}?saved=published"));
        Ok(())
    })
    .await
}
