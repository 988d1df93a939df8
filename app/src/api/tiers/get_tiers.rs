use crate::error::AppError;
use crate::types::tier::TiersPage;
use leptos::prelude::*;

/// The program's tiers with their benefits, highest first.
#[server(prefix = "/api", endpoint = "get_tiers")]
pub async fn get_tiers() -> Result<TiersPage, AppError> {
    use crate::ssr::services::tiers;
    crate::api::as_actor(|state, actor| async move { tiers::page(&state, &actor).await }).await
}
