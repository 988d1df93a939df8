use crate::error::AppError;
use crate::types::funds::RequestDetail;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_fund_request")]
pub async fn get_fund_request(id: i64) -> Result<RequestDetail, AppError> {
    use crate::ssr::services::funds;
    crate::api::as_actor(
        |state, actor| async move { funds::overview::detail(&state, &actor, id).await },
    )
    .await
}
