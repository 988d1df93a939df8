use crate::error::AppError;
use crate::types::cobrand::TemplatesPage;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_templates_page")]
pub async fn get_templates_page() -> Result<TemplatesPage, AppError> {
    use crate::ssr::{context, services::cobrand::templates};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            templates::page(&state, &actor).await
        }
        .await,
    )
}
