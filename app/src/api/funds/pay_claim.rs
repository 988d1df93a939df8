use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "pay_claim")]
pub async fn pay_claim(
    id: i64,
    version: i32,
    paid_on: String,
    payment_reference: String,
) -> Result<(), AppError> {
    use crate::ssr::{context, services::funds::claims};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            claims::pay(&state, &actor, id, version, &paid_on, &payment_reference).await?;
            leptos_axum::redirect(&format!("/funds/requests/{id}?saved=paid"));
            Ok(())
        }
        .await,
    )
}
