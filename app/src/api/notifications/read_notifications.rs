use crate::error::AppError;
use leptos::prelude::*;

/// Marks one of the actor's notifications read, or all of them.
#[server(prefix = "/api", endpoint = "read_notifications")]
pub async fn read_notifications(#[server(default)] id: Option<i64>) -> Result<(), AppError> {
    use crate::ssr::services::notifications;
    crate::api::as_actor(|state, actor| async move {
        notifications::mark_read(&state, &actor, id).await?;
        leptos_axum::redirect("/notifications");
        Ok(())
    })
    .await
}
