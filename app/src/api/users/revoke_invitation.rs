use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(id: i64) -> Result<(), AppError> {
    use crate::ssr::{context, services::invitations};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            invitations::revoke(&state, &actor, id).await?;
            leptos_axum::redirect("/users");
            Ok(())
        }
        .await,
    )
}
