//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "update_partner_profile")]
pub async fn update_partner_profile(
    id: i64,
    version: i32,
    website: String,
    phone: String,
    email: String,
    address: String,
    city: String,
    country: String,
    brand_color: String,
    description: String,
) -> Result<(), AppError> {
    use crate::ssr::services::partners;
    crate::api::as_actor(|state, actor| async move {
        let input = partners::ProfileInput {
            website,
            phone,
            email,
            address,
            city,
            country,
            brand_color,
            description,
        };
        partners::update_profile(&state, &actor, id, version, input).await?;
        leptos_axum::redirect(&format!("/partners/{id}?saved=profile"));
        Ok(())
    })
    .await
}
