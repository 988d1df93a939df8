use crate::error::AppError;
use crate::types::views::Dashboard;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::ssr::services::dashboard;
    crate::api::as_actor(|state, actor| async move { dashboard::load(&state, &actor).await }).await
}
