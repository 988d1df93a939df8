//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::funds::ActivityType;
use crate::types::Choice;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "resubmit_fund_request")]
pub async fn resubmit_fund_request(
    id: i64,
    version: i32,
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
            campaign_id: None,
        };
        requests::resubmit(&state, &actor, id, version, input).await?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=resubmitted"));
        Ok(())
    })
    .await
}
