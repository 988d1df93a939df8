use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::{context, services::auth};
    crate::api::as_visitor(|state| async move {
        if let Some(actor) = context::actor_opt()? {
            auth::sign_out(&state, &actor).await?;
        }
        super::cookie::clear(&state);
        leptos_axum::redirect("/sign-in");
        Ok(())
    })
    .await
}
