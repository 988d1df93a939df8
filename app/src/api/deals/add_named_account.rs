use crate::error::AppError;
use leptos::prelude::*;

/// An account the vendor sells to itself: partners registering it are
/// told it is reserved.
#[server(prefix = "/api", endpoint = "add_named_account")]
pub async fn add_named_account(
    name: String,
    #[server(default)] website: String,
    country: String,
) -> Result<i64, AppError> {
    use crate::ssr::services::deals;
    crate::api::as_actor(|state, actor| async move {
        deals::add_named_account(&state, &actor, &name, &website, &country).await
    })
    .await
}
