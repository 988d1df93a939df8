use crate::error::AppError;
use leptos::prelude::*;

/// Sets the zone the user's times are shown, and send times read, in.
#[server(prefix = "/api", endpoint = "set_time_zone")]
pub async fn set_time_zone(zone: String) -> Result<(), AppError> {
    use crate::ssr::{context, services::account};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            account::set_time_zone(&state, &actor, &zone).await?;
            leptos_axum::redirect("/account?saved=zone");
            Ok(())
        }
        .await,
    )
}
