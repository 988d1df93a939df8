use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "pay_claim")]
pub async fn pay_claim(
    id: i64,
    version: i32,
    paid_on: String,
    payment_reference: String,
) -> Result<(), AppError> {
    use crate::ssr::services::funds::claims;
    crate::api::as_actor(|state, actor| async move {
        claims::pay(&state, &actor, id, version, &paid_on, &payment_reference).await?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=paid"));
        Ok(())
    })
    .await
}
