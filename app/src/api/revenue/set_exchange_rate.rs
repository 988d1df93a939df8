use crate::error::AppError;
use leptos::prelude::*;

/// What one unit of `currency` is worth in the program's currency from
/// `valid_from` (`YYYY-MM-DD`), typed as "1.0832" or "1,0832".
#[server(prefix = "/api", endpoint = "set_exchange_rate")]
pub async fn set_exchange_rate(
    currency: String,
    valid_from: String,
    rate: String,
) -> Result<(), AppError> {
    use crate::ssr::services::revenue;
    crate::api::as_actor(|state, actor| async move {
        revenue::set_rate(&state, &actor, &currency, &valid_from, &rate).await?;
        leptos_axum::redirect("/revenue?saved=rate");
        Ok(())
    })
    .await
}
