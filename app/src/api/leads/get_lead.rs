use crate::error::AppError;
use crate::types::lead::LeadDetail;
use leptos::prelude::*;

/// One lead, as far as the reader may see it.
#[server(prefix = "/api", endpoint = "get_lead")]
pub async fn get_lead(id: i64) -> Result<LeadDetail, AppError> {
    use crate::ssr::services::leads::read;
    crate::api::as_actor(|state, actor| async move { read::detail(&state, &actor, id).await }).await
}
