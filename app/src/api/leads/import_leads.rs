use crate::error::AppError;
use leptos::prelude::*;

/// Leads as CSV (a header row naming the columns), all rows or none; each
/// is routed as it lands. `campaign` names the campaign they answered.
#[server(prefix = "/api", endpoint = "import_leads")]
pub async fn import_leads(
    #[server(default)] csv: String,
    #[server(default)] campaign: String,
) -> Result<usize, AppError> {
    use crate::ssr::services::leads::intake;
    crate::api::as_actor(|state, actor| async move {
        let count = intake::import(&state, &actor, &csv, &campaign).await?;
        leptos_axum::redirect(&format!("/leads?imported={count}"));
        Ok(count)
    })
    .await
}
