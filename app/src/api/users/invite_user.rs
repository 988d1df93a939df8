use crate::error::AppError;
use crate::types::{Choice, Role};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "invite_user")]
pub async fn invite_user(
    organization_id: String,
    email: String,
    role: Choice<Role>,
) -> Result<(), AppError> {
    use crate::ssr::services::invitations;
    crate::api::as_actor(|state, actor| async move {
        invitations::invite(&state, &actor, &organization_id, &email, &role).await?;
        leptos_axum::redirect("/users?invited=1");
        Ok(())
    })
    .await
}
