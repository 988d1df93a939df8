use crate::error::AppError;
use crate::types::{Choice, Region, Segment};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "create_partner")]
pub async fn create_partner(
    name: String,
    partner_type: String,
    tier: String,
    region: Choice<Region>,
    segment: Choice<Segment>,
    channel_manager_id: String,
    buys_through: String,
) -> Result<(), AppError> {
    use crate::ssr::services::partners;
    crate::api::as_actor(|state, actor| async move {
        let input = partners::ProgramInput {
            name,
            partner_type,
            tier,
            region,
            segment,
            channel_manager_id,
            buys_through,
        };
        let id = partners::create(&state, &actor, input).await?;
        leptos_axum::redirect(&format!("/partners/{id}?saved=created"));
        Ok(())
    })
    .await
}
