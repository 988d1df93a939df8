use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::ssr::{context, services::auth};
    crate::api::as_visitor(|state| async move {
        let tenant = context::tenant()?;
        auth::request_reset(&state, &tenant, &email).await?;
        leptos_axum::redirect("/forgot-password?sent=1");
        Ok(())
    })
    .await
}
