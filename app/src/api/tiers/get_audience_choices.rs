use crate::error::AppError;
use crate::types::tier::AudienceChoices;
use leptos::prelude::*;

/// The program's tiers and partner types as a filter or form offers them.
#[server(prefix = "/api", endpoint = "get_audience_choices")]
pub async fn get_audience_choices() -> Result<AudienceChoices, AppError> {
    use crate::ssr::services::tiers;
    crate::api::as_actor(|state, actor| async move { tiers::choices(&state, &actor).await }).await
}
