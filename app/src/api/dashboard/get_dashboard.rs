use crate::error::AppError;
use crate::types::views::Dashboard;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::ssr::{context, services::dashboard};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            dashboard::load(&state, &actor).await
        }
        .await,
    )
}
