use crate::error::AppError;
use leptos::prelude::*;

/// Stops the e-mails of a send that have not gone out yet.
#[server(prefix = "/api", endpoint = "cancel_send")]
pub async fn cancel_send(campaign_id: i64, send_id: i64) -> Result<(), AppError> {
    use crate::ssr::services::campaigns::sends;
    crate::api::as_actor(|state, actor| async move {
        let stopped = sends::cancel(&state, &actor, send_id).await?;
        leptos_axum::redirect(&format!("/campaigns/{campaign_id}?cancelled={stopped}"));
        Ok(())
    })
    .await
}
