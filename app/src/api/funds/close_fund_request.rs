use crate::error::AppError;
use leptos::prelude::*;

/// Closes an approved request without a claim, releasing the reservation.
#[server(prefix = "/api", endpoint = "close_fund_request")]
pub async fn close_fund_request(id: i64) -> Result<(), AppError> {
    use crate::ssr::services::funds::claims;
    crate::api::as_actor(|state, actor| async move {
        claims::close_request(&state, &actor, id).await?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=closed"));
        Ok(())
    })
    .await
}
