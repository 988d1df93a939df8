use crate::error::AppError;
use leptos::prelude::*;

/// Removes one of the company's contacts.
#[server(prefix = "/api", endpoint = "remove_contact")]
pub async fn remove_contact(id: i64) -> Result<(), AppError> {
    use crate::ssr::{context, services::campaigns::contacts};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            contacts::remove(&state, &actor, id).await?;
            leptos_axum::redirect(&format!("/contacts?removed={id}"));
            Ok(())
        }
        .await,
    )
}
