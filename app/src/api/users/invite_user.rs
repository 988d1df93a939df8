use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "invite_user")]
pub async fn invite_user(
    organization_id: String,
    email: String,
    role: String,
) -> Result<(), AppError> {
    use crate::ssr::{context, services::invitations};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            invitations::invite(&state, &actor, &organization_id, &email, &role).await?;
            leptos_axum::redirect("/users?invited=1");
            Ok(())
        }
        .await,
    )
}
