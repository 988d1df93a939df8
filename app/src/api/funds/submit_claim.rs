use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "submit_claim")]
pub async fn submit_claim(id: i64, version: i32) -> Result<(), AppError> {
    use crate::ssr::{context, services::funds::claims};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            claims::submit(&state, &actor, id, version).await?;
            leptos_axum::redirect(&format!("/funds/requests/{id}?saved=claim_submitted"));
            Ok(())
        }
        .await,
    )
}
