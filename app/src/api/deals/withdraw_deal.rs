use crate::error::AppError;
use leptos::prelude::*;

/// The partner takes its registration back before a decision.
#[server(prefix = "/api", endpoint = "withdraw_deal")]
pub async fn withdraw_deal(id: i64, version: i32) -> Result<(), AppError> {
    use crate::ssr::services::deals::review;
    crate::api::as_actor(|state, actor| async move {
        review::withdraw(&state, &actor, id, version).await?;
        leptos_axum::redirect(&format!("/deals/{id}?saved=withdrawn"));
        Ok(())
    })
    .await
}
