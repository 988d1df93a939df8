use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "submit_design")]
pub async fn submit_design(id: i64, version: i32) -> Result<(), AppError> {
    use crate::ssr::{context, services::cobrand::designs};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            designs::submit(&state, &actor, id, version).await?;
            leptos_axum::redirect(&format!("/cobrand/designs/{id}?saved=submitted"));
            Ok(())
        }
        .await,
    )
}
