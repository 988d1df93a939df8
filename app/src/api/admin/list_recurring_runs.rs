use crate::error::AppError;
use crate::types::job::RecurringRunView;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "list_recurring_runs")]
pub async fn list_recurring_runs() -> Result<Vec<RecurringRunView>, AppError> {
    use crate::ssr::jobs::recurring;
    crate::api::as_actor(|state, actor| async move { recurring::recent(&state, &actor).await })
        .await
}
