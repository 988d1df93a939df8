use crate::error::AppError;
use leptos::prelude::*;

/// Sets the zone the user's times are shown, and send times read, in.
#[server(prefix = "/api", endpoint = "set_time_zone")]
pub async fn set_time_zone(zone: String) -> Result<(), AppError> {
    use crate::ssr::services::account;
    crate::api::as_actor(|state, actor| async move {
        account::set_time_zone(&state, &actor, &zone).await?;
        leptos_axum::redirect("/account?saved=zone");
        Ok(())
    })
    .await
}
