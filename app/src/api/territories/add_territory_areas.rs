use crate::error::AppError;
use leptos::prelude::*;

/// Adds a country, a region of it, or postcode prefixes of it to where the
/// partner works.
#[server(prefix = "/api", endpoint = "add_territory_areas")]
pub async fn add_territory_areas(
    id: i64,
    country: String,
    #[server(default)] region: String,
    #[server(default)] postcodes: String,
) -> Result<(), AppError> {
    use crate::ssr::services::territories;
    crate::api::as_actor(|state, actor| async move {
        let input = territories::AreasInput {
            country,
            region,
            postcodes,
        };
        territories::add_areas(&state, &actor, id, input).await?;
        leptos_axum::redirect(&format!("/partners/{id}?saved=territory"));
        Ok(())
    })
    .await
}
