use crate::error::AppError;
use crate::types::campaign::CampaignForm;
use leptos::prelude::*;

/// The vendor's campaign form: the campaign (when editing) and the
/// published templates it can use.
#[server(prefix = "/api", endpoint = "get_campaign_form")]
pub async fn get_campaign_form(id: Option<i64>) -> Result<CampaignForm, AppError> {
    use crate::ssr::services::campaigns;
    crate::api::as_actor(|state, actor| async move {
        actor.require(crate::types::Permission::ManageCampaigns)?;
        let detail = match id {
            Some(id) => Some(campaigns::participate::detail(&state, &actor, id, None).await?),
            None => None,
        };
        let templates = campaigns::manage::template_choices(&state, &actor).await?;
        let choices = crate::ssr::services::tiers::choices(&state, &actor).await?;
        Ok(CampaignForm {
            detail,
            templates,
            choices,
        })
    })
    .await
}
