use crate::error::AppError;
use leptos::prelude::*;

/// The time zones a user can choose from (IANA names, UTC first).
#[server(prefix = "/api", endpoint = "list_time_zones")]
pub async fn list_time_zones() -> Result<Vec<String>, AppError> {
    use crate::ssr::local_time;
    crate::api::as_actor(|_, _| async move {
        Ok(local_time::zones().into_iter().map(str::to_owned).collect())
    })
    .await
}
