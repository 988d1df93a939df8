use crate::error::AppError;
use leptos::prelude::*;

/// Suspends a member from posting for `days` (0 lifts it).
#[server(prefix = "/api", endpoint = "suspend_member")]
pub async fn suspend_member(
    user_id: i64,
    days: i64,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::moderation;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            moderation::suspend(&state, &actor, user_id, days, &reason).await?;
            leptos_axum::redirect("/forum/moderation?saved=suspension");
            Ok(())
        }
        .await,
    )
}
