use crate::error::AppError;
use leptos::prelude::*;

/// Marks one notification read, or all of them.
#[server(prefix = "/api", endpoint = "read_notifications")]
pub async fn read_notifications(#[server(default)] id: Option<i64>) -> Result<(), AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::notify;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            notify::mark_read(&state, &actor, id).await?;
            leptos_axum::redirect("/forum/notifications");
            Ok(())
        }
        .await,
    )
}
