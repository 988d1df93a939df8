//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::{Choice, Region, Segment};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "update_partner_program")]
pub async fn update_partner_program(
    id: i64,
    version: i32,
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
        partners::update_program(&state, &actor, id, version, input).await?;
        leptos_axum::redirect(&format!("/partners/{id}?saved=program"));
        Ok(())
    })
    .await
}
