use crate::error::AppError;
use crate::types::mdf::{FundsOverview, RequestFilter};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_funds_overview")]
pub async fn get_funds_overview(
    #[server(default)] filter: RequestFilter,
) -> Result<FundsOverview, AppError> {
    use crate::ssr::{context, services::funds};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            funds::overview::overview(&state, &actor, &filter).await
        }
        .await,
    )
}
