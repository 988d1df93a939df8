use crate::error::AppError;
use crate::types::cobrand::TemplateDetail;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_template")]
pub async fn get_template(id: i64) -> Result<TemplateDetail, AppError> {
    use crate::ssr::services::cobrand::templates;
    crate::api::as_actor(|state, actor| async move { templates::detail(&state, &actor, id).await })
        .await
}
