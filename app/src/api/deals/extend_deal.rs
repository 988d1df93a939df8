use crate::error::AppError;
use leptos::prelude::*;

/// A reviewer extends an approved registration's protection (`grant` set:
/// the form's "Extend" button) or declines the partner's request.
#[server(prefix = "/api", endpoint = "extend_deal")]
pub async fn extend_deal(
    id: i64,
    version: i32,
    #[server(default)] grant: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::services::deals::close;
    crate::api::as_actor(|state, actor| async move {
        close::extend(&state, &actor, (id, version), grant.is_some()).await?;
        leptos_axum::redirect(&format!("/deals/{id}?saved=extended"));
        Ok(())
    })
    .await
}
