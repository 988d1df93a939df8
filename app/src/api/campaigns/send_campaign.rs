use crate::error::AppError;
use leptos::prelude::*;

/// Sends the campaign e-mail to the company's contacts now, or at `when`
/// (`YYYY-MM-DDTHH:MM`, UTC).
#[server(prefix = "/api", endpoint = "send_campaign")]
pub async fn send_campaign(
    id: i64,
    #[server(default)] subject: String,
    #[server(default)] when: String,
) -> Result<(), AppError> {
    use crate::ssr::services::campaigns::sends::{self, SendInput};
    crate::api::as_actor(|state, actor| async move {
        let sent = sends::create(&state, &actor, id, SendInput { subject, when }).await?;
        leptos_axum::redirect(&format!(
            "/campaigns/{id}?queued={}&already={}",
            sent.recipients, sent.already
        ));
        Ok(())
    })
    .await
}
