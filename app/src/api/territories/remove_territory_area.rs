use crate::error::AppError;
use leptos::prelude::*;

/// Takes one area out of the partner's territory.
#[server(prefix = "/api", endpoint = "remove_territory_area")]
pub async fn remove_territory_area(id: i64, area_id: i64) -> Result<(), AppError> {
    use crate::ssr::services::territories;
    crate::api::as_actor(|state, actor| async move {
        territories::remove_area(&state, &actor, id, area_id).await?;
        leptos_axum::redirect(&format!("/partners/{id}?saved=territory"));
        Ok(())
    })
    .await
}
