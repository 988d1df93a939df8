use crate::error::AppError;
use leptos::prelude::*;

/// Partner revenue as CSV (`partner,period,revenue`), all rows or none.
#[server(prefix = "/api", endpoint = "import_revenue")]
pub async fn import_revenue(budget_id: String, csv: String) -> Result<usize, AppError> {
    use crate::ssr::services::funds::coop;
    crate::api::as_actor(|state, actor| async move {
        let count = coop::import(&state, &actor, &budget_id, &csv).await?;
        leptos_axum::redirect("/funds?saved=revenue");
        Ok(count)
    })
    .await
}
