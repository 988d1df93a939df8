use crate::error::AppError;
use crate::types::views::{PartnerFilter, PartnerList};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "list_partners")]
pub async fn list_partners(
    #[server(default)] filter: PartnerFilter,
) -> Result<PartnerList, AppError> {
    use crate::ssr::{context, services::partners};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            partners::list(&state, &actor, filter).await
        }
        .await,
    )
}
