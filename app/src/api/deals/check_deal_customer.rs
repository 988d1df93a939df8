use crate::error::AppError;
use crate::types::deal::ConflictHint;
use leptos::prelude::*;

/// Called while the partner types the customer (debounced) and before it
/// submits: whether the customer is taken, never by whom. `families` is
/// the chosen product family ids, comma separated.
#[server(prefix = "/api", endpoint = "check_deal_customer")]
pub async fn check_deal_customer(
    name: String,
    #[server(default)] website: String,
    #[server(default)] contact_email: String,
    #[server(default)] country: String,
    #[server(default)] city: String,
    #[server(default)] postcode: String,
    #[server(default)] families: String,
) -> Result<Vec<ConflictHint>, AppError> {
    use crate::ssr::services::deals::{self, CustomerInput};
    crate::api::as_actor(|state, actor| async move {
        let input = CustomerInput {
            name,
            website,
            contact_email,
            country,
            city,
            postcode,
            // An id that is not a number names no family.
            families: families
                .split(',')
                .filter_map(|f| f.trim().parse().ok())
                .collect(),
        };
        deals::check_customer(&state, &actor, &input).await
    })
    .await
}
