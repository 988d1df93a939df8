use crate::error::AppError;
use crate::types::views::PartnerDetail;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_partner")]
pub async fn get_partner(id: i64) -> Result<PartnerDetail, AppError> {
    use crate::ssr::{context, services::partners};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            partners::detail(&state, &actor, id).await
        }
        .await,
    )
}
