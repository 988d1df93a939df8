use crate::error::AppError;
use crate::types::cobrand::TemplatesPage;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_templates_page")]
pub async fn get_templates_page() -> Result<TemplatesPage, AppError> {
    use crate::ssr::services::cobrand::templates;
    crate::api::as_actor(|state, actor| async move { templates::page(&state, &actor).await }).await
}
