use crate::error::AppError;
use crate::types::views::{PartnerFilter, PartnerList};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "list_partners")]
pub async fn list_partners(
    #[server(default)] filter: PartnerFilter,
) -> Result<PartnerList, AppError> {
    use crate::ssr::services::partners;
    crate::api::as_actor(|state, actor| async move { partners::list(&state, &actor, filter).await })
        .await
}
