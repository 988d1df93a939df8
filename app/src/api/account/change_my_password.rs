use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "change_my_password")]
pub async fn change_my_password(
    current: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::ssr::services::account;
    crate::api::as_actor(|state, actor| async move {
        account::change_password(&state, &actor, current, password, confirm).await?;
        leptos_axum::redirect("/account?saved=password");
        Ok(())
    })
    .await
}
