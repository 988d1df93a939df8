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
        // A request changed meanwhile leaves what was typed in the form.
        let typed = [
            ("allocation_id", allocation_id.clone()),
            ("activity_type", activity_type.raw()),
            ("title", title.clone()),
            ("description", description.clone()),
            ("starts_on", starts_on.clone()),
            ("ends_on", ends_on.clone()),
            ("amount", amount.clone()),
            ("partner_share", partner_share.clone()),
            ("expected_leads", expected_leads.clone()),
            ("expected_attendees", expected_attendees.clone()),
            ("expected_pipeline", expected_pipeline.clone()),
        ];
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
        requests::resubmit(&state, &actor, id, version, input)
            .await
            .map_err(|e| e.keeping(&typed))?;
        leptos_axum::redirect(&format!("/funds/requests/{id}?saved=resubmitted"));
        Ok(())
    })
    .await
}
