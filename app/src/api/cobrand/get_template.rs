use crate::error::AppError;
use crate::types::cobrand::TemplateDetail;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_template")]
pub async fn get_template(id: i64) -> Result<TemplateDetail, AppError> {
    use crate::ssr::{context, services::cobrand::templates};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            templates::detail(&state, &actor, id).await
        }
        .await,
    )
}
