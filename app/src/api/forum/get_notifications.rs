use crate::error::AppError;
use crate::types::forum::NotificationsPage;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_notifications")]
pub async fn get_notifications() -> Result<NotificationsPage, AppError> {
    use crate::ssr::services::forum::notify;
    crate::api::as_actor(|state, actor| async move { notify::page(&state, &actor).await }).await
}
