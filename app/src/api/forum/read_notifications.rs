use crate::error::AppError;
use leptos::prelude::*;

/// Marks one notification read, or all of them.
#[server(prefix = "/api", endpoint = "read_notifications")]
pub async fn read_notifications(#[server(default)] id: Option<i64>) -> Result<(), AppError> {
    use crate::ssr::services::forum::notify;
    crate::api::as_actor(|state, actor| async move {
        notify::mark_read(&state, &actor, id).await?;
        leptos_axum::redirect("/forum/notifications");
        Ok(())
    })
    .await
}
