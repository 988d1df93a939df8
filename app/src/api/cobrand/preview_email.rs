use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The email rendered with the editor's current values (HTML).
#[server(prefix = "/api", endpoint = "preview_email")]
pub async fn preview_email(
    template_id: i64,
    design_id: Option<i64>,
    values: BTreeMap<String, String>,
) -> Result<String, AppError> {
    use crate::ssr::services::cobrand::exports;
    crate::api::as_actor(|state, actor| async move {
        exports::email_preview(&state, &actor, template_id, design_id, &values).await
    })
    .await
}
