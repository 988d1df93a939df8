use crate::error::AppError;
use leptos::prelude::*;

/// Sets or clears where the partner sits (coordinates as the vendor types
/// them) and the radius it serves around it.
#[server(prefix = "/api", endpoint = "set_partner_location")]
pub async fn set_partner_location(
    id: i64,
    #[server(default)] coordinates: String,
    #[server(default)] radius_km: String,
) -> Result<(), AppError> {
    use crate::ssr::services::territories;
    crate::api::as_actor(|state, actor| async move {
        let input = territories::LocationInput {
            coordinates,
            radius_km,
        };
        territories::set_location(&state, &actor, id, input).await?;
        leptos_axum::redirect(&format!("/partners/{id}?saved=location"));
        Ok(())
    })
    .await
}
