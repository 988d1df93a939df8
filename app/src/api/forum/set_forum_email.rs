use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "set_forum_email")]
pub async fn set_forum_email(email: String) -> Result<(), AppError> {
    use crate::ssr::services::forum::notify;
    crate::api::as_actor(|state, actor| async move {
        notify::set_email(&state, &actor, &email).await?;
        leptos_axum::redirect("/forum/notifications?saved=email");
        Ok(())
    })
    .await
}
