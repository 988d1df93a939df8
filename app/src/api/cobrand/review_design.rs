use crate::error::AppError;
use leptos::prelude::*;

/// `decision` is `approve` or `reject` (a comment is required to reject).
#[server(prefix = "/api", endpoint = "review_design")]
pub async fn review_design(
    id: i64,
    version: i32,
    decision: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::ssr::services::cobrand::designs;
    crate::api::as_actor(|state, actor| async move {
        let approve = match decision.as_str() {
            "approve" => true,
            "reject" => false,
            _ => return Err(AppError::invalid("decision", "Approve or reject.")),
        };
        designs::review(&state, &actor, id, version, approve, &comment).await?;
        leptos_axum::redirect(&format!("/cobrand/designs/{id}?saved=reviewed"));
        Ok(())
    })
    .await
}
