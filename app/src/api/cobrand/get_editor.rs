use crate::error::AppError;
use crate::types::cobrand::EditorData;
use leptos::prelude::*;

/// A new design of `template_id`, or the stored design `design_id`.
#[server(prefix = "/api", endpoint = "get_editor")]
pub async fn get_editor(
    template_id: Option<i64>,
    design_id: Option<i64>,
) -> Result<EditorData, AppError> {
    use crate::ssr::services::cobrand::designs;
    crate::api::as_actor(|state, actor| async move {
        designs::editor(&state, &actor, template_id, design_id).await
    })
    .await
}
