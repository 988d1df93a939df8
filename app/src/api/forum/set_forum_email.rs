use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "set_forum_email")]
pub async fn set_forum_email(email: String) -> Result<(), AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::notify;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            notify::set_email(&state, &actor, &email).await?;
            leptos_axum::redirect("/forum/notifications?saved=email");
            Ok(())
        }
        .await,
    )
}
