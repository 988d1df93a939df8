use crate::error::AppError;
use leptos::prelude::*;

/// Suspends a member from posting for `days` (0 lifts it).
#[server(prefix = "/api", endpoint = "suspend_member")]
pub async fn suspend_member(
    user_id: i64,
    days: i64,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::ssr::services::forum::moderation;
    crate::api::as_actor(|state, actor| async move {
        moderation::suspend(&state, &actor, user_id, days, &reason).await?;
        leptos_axum::redirect("/forum/moderation?saved=suspension");
        Ok(())
    })
    .await
}
