use crate::error::AppError;
use crate::types::views::PartnerDetail;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_partner")]
pub async fn get_partner(id: i64) -> Result<PartnerDetail, AppError> {
    use crate::ssr::services::partners;
    crate::api::as_actor(|state, actor| async move { partners::detail(&state, &actor, id).await })
        .await
}
