use crate::error::AppError;
use crate::types::deal::{DealStatus, DealsPage};
use crate::types::Choice;
use leptos::prelude::*;

/// One page of the registrations the reader sees; `status` narrows it (an
/// unknown one is ignored), `after` continues after that registration.
#[server(prefix = "/api", endpoint = "get_deals")]
pub async fn get_deals(
    #[server(default)] status: Choice<DealStatus>,
    #[server(default)] after: Option<i64>,
) -> Result<DealsPage, AppError> {
    use crate::ssr::services::deals::read;
    crate::api::as_actor(|state, actor| async move {
        read::list(&state, &actor, status.known(), after).await
    })
    .await
}
