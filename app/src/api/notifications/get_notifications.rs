use crate::error::AppError;
use crate::types::notification::NotificationsPage;
use leptos::prelude::*;

/// The actor's newest notifications and how they hear of each kind.
#[server(prefix = "/api", endpoint = "get_notifications")]
pub async fn get_notifications() -> Result<NotificationsPage, AppError> {
    use crate::ssr::services::notifications;
    crate::api::as_actor(|state, actor| async move { notifications::page(&state, &actor).await })
        .await
}
