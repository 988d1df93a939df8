//! One form, one argument per field, as the HTML form posts it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::types::funds::BudgetKind;
use crate::types::Choice;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "create_budget")]
pub async fn create_budget(
    key: String,
    name: String,
    kind: Choice<BudgetKind>,
    currency: String,
    total: String,
    starts_on: String,
    ends_on: String,
    #[server(default)] coop_percent: String,
) -> Result<(), AppError> {
    use crate::ssr::services::funds::budgets;
    crate::api::as_actor(|state, actor| async move {
        let input = budgets::BudgetInput {
            name,
            kind,
            currency,
            total,
            starts_on,
            ends_on,
            coop_percent,
        };
        budgets::create_budget(&state, &actor, &key, input).await?;
        leptos_axum::redirect("/funds?saved=budget");
        Ok(())
    })
    .await
}
