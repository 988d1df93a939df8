use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(id: i64) -> Result<(), AppError> {
    use crate::ssr::services::invitations;
    crate::api::as_actor(|state, actor| async move {
        invitations::revoke(&state, &actor, id).await?;
        leptos_axum::redirect("/users");
        Ok(())
    })
    .await
}
