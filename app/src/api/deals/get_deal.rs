use crate::error::AppError;
use crate::types::deal::DealDetail;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_deal")]
pub async fn get_deal(id: i64) -> Result<DealDetail, AppError> {
    use crate::ssr::services::deals::read;
    crate::api::as_actor(|state, actor| async move { read::detail(&state, &actor, id).await }).await
}
