use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "allocate_funds")]
pub async fn allocate_funds(
    key: String,
    budget_id: String,
    target: String,
    amount: String,
) -> Result<(), AppError> {
    use crate::ssr::services::funds::budgets;
    crate::api::as_actor(|state, actor| async move {
        budgets::allocate(&state, &actor, &key, &budget_id, &target, &amount).await?;
        leptos_axum::redirect("/funds?saved=allocation");
        Ok(())
    })
    .await
}
