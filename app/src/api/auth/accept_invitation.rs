use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::ssr::{context, services::invitations};
    crate::api::as_visitor(|state| async move {
        let tenant = context::tenant()?;
        let session =
            invitations::accept(&state, &tenant, &token, &name, password, confirm).await?;
        super::cookie::set(&state, &session);
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}
