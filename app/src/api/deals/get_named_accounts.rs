use crate::error::AppError;
use crate::types::deal::NamedAccountsPage;
use leptos::prelude::*;

/// The vendor's named accounts (vendor admins).
#[server(prefix = "/api", endpoint = "get_named_accounts")]
pub async fn get_named_accounts() -> Result<NamedAccountsPage, AppError> {
    use crate::ssr::services::deals::accounts;
    crate::api::as_actor(|state, actor| async move { accounts::page(&state, &actor).await }).await
}
