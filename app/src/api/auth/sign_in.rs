use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{context, services::auth};
    crate::api::as_visitor(|state| async move {
        let tenant = context::tenant()?;
        let session =
            auth::sign_in(&state, &tenant, context::client_ip(), &email, password).await?;
        super::cookie::set(&state, &session);
        leptos_axum::redirect(&crate::api::own_page::own_page(next.as_deref()));
        Ok(())
    })
    .await
}
