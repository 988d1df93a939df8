use crate::error::AppError;
use leptos::prelude::*;

/// Removes one of the company's contacts.
#[server(prefix = "/api", endpoint = "remove_contact")]
pub async fn remove_contact(id: i64) -> Result<(), AppError> {
    use crate::ssr::services::campaigns::contacts;
    crate::api::as_actor(|state, actor| async move {
        contacts::remove(&state, &actor, id).await?;
        leptos_axum::redirect(&format!("/contacts?removed={id}"));
        Ok(())
    })
    .await
}
