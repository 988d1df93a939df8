use crate::error::AppError;
use crate::types::notification::NeedsYou;
use leptos::prelude::*;

/// The actor's newest unread notifications, for the home page.
#[server(prefix = "/api", endpoint = "get_needs_you")]
pub async fn get_needs_you() -> Result<NeedsYou, AppError> {
    use crate::ssr::services::notifications;
    crate::api::as_actor(
        |state, actor| async move { notifications::needs_you(&state, &actor).await },
    )
    .await
}
