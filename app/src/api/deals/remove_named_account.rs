use crate::error::AppError;
use leptos::prelude::*;

/// Takes an account off the vendor's named accounts.
#[server(prefix = "/api", endpoint = "remove_named_account")]
pub async fn remove_named_account(id: i64) -> Result<(), AppError> {
    use crate::ssr::services::deals::accounts;
    crate::api::as_actor(|state, actor| async move {
        accounts::remove(&state, &actor, id).await?;
        leptos_axum::redirect("/deals/accounts?saved=removed");
        Ok(())
    })
    .await
}
