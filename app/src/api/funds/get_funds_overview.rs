use crate::error::AppError;
use crate::types::funds::{FundsOverview, RequestFilter};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_funds_overview")]
pub async fn get_funds_overview(
    #[server(default)] filter: RequestFilter,
) -> Result<FundsOverview, AppError> {
    use crate::ssr::services::funds;
    crate::api::as_actor(|state, actor| async move {
        funds::overview::overview(&state, &actor, &filter).await
    })
    .await
}
