use crate::error::AppError;
use crate::types::forum::NotificationsPage;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_notifications")]
pub async fn get_notifications() -> Result<NotificationsPage, AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::notify;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            notify::page(&state, &actor).await
        }
        .await,
    )
}
