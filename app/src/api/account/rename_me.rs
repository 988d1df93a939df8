use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "rename_me")]
pub async fn rename_me(name: String) -> Result<(), AppError> {
    use crate::ssr::services::account;
    crate::api::as_actor(|state, actor| async move {
        account::rename(&state, &actor, &name).await?;
        leptos_axum::redirect("/account?saved=name");
        Ok(())
    })
    .await
}
