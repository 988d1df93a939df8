//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::funds::ActivityType;
use crate::types::Choice;
use leptos::prelude::*;

/// `key` makes a double submit create one request.
#[server(prefix = "/api", endpoint = "submit_fund_request")]
pub async fn submit_fund_request(
    key: String,
    allocation_id: String,
    activity_type: Choice<ActivityType>,
    title: String,
    description: String,
    starts_on: String,
    ends_on: String,
    amount: String,
    #[server(default)] partner_share: String,
    #[server(default)] expected_leads: String,
    #[server(default)] expected_attendees: String,
    #[server(default)] expected_pipeline: String,
    #[server(default)] campaign_id: Option<i64>,
) -> Result<(), AppError> {
    use crate::ssr::services::funds::requests;
    crate::api::as_actor(|state, actor| async move {
        let input = requests::RequestInput {
            allocation_id,
            activity_type,
            title,
            description,
            starts_on,
            ends_on,
            amount,
            partner_share,
            expected_leads,
            expected_attendees,
            expected_pipeline,
            campaign_id,
        };
        let id = requests::submit(&state, &actor, &key, input).await?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=submitted"));
        Ok(())
    })
    .await
}
