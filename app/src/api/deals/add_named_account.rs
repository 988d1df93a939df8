use crate::error::AppError;
use leptos::prelude::*;

/// An account the vendor sells to itself: partners registering it are
/// told it is reserved. The account's id.
#[server(prefix = "/api", endpoint = "add_named_account")]
pub async fn add_named_account(
    name: String,
    #[server(default)] website: String,
    country: String,
) -> Result<i64, AppError> {
    use crate::ssr::services::deals::accounts;
    crate::api::as_actor(|state, actor| async move {
        let id = accounts::add(&state, &actor, &name, &website, &country).await?;
        leptos_axum::redirect("/deals/accounts?saved=added");
        Ok(id)
    })
    .await
}
