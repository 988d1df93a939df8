use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::ssr::{context, services::auth};
    crate::api::as_visitor(|state| async move {
        let tenant = context::tenant()?;
        auth::reset_password(&state, &tenant, &token, password, confirm).await?;
        leptos_axum::redirect("/sign-in?reset=1");
        Ok(())
    })
    .await
}
