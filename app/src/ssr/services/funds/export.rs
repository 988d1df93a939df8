//! The ledger as CSV for finance: one row per entry, oldest first, amounts
//! as decimals in the budget's currency.

use crate::error::AppResult;
use crate::ssr::csv_file::CsvFile;
use crate::ssr::entities::{mdf_allocation, mdf_budget, mdf_ledger, mdf_request};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{organizations, users};
use crate::ssr::scope::in_tenant;
use crate::ssr::{Actor, AppState, Scope};
use crate::types::money::to_input;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn ledger_csv(state: &AppState, actor: &Actor) -> AppResult<String> {
    actor.require(Permission::ManageBudgets)?;
    let db = &state.db;
    let scope = Scope::new(actor);
    let budgets: HashMap<i64, mdf_budget::Model> = scope
        .mdf_budgets()
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let entries = in_tenant::<mdf_ledger::Entity>(actor.tenant_id)
        .filter(mdf_ledger::Column::BudgetId.is_in(budgets.keys().copied().collect::<Vec<_>>()))
        .order_by_asc(mdf_ledger::Column::Id)
        .all(db)
        .await?;
    let allocations: HashMap<i64, mdf_allocation::Model> = scope
        .mdf_allocations()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let requests: HashMap<i64, mdf_request::Model> = scope
        .mdf_requests()
        .filter(
            mdf_request::Column::Id.is_in(
                entries
                    .iter()
                    .filter_map(|e| e.request_id)
                    .collect::<Vec<_>>(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let partners: HashMap<i64, String> = organizations::names(
        db,
        actor.tenant_id,
        allocations.values().filter_map(|a| a.partner_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    let people: HashMap<i64, String> = users::names(
        db,
        actor.tenant_id,
        entries.iter().map(|e| e.actor_id).collect(),
    )
    .await?
    .into_iter()
    .collect();

    let mut out = CsvFile::new(
        "ledger export",
        [
            "entry",
            "date_utc",
            "budget",
            "holder",
            "request",
            "request_title",
            "kind",
            "amount",
            "currency",
            "actor",
            "reason",
        ],
    )?;
    for e in &entries {
        let holder = e
            .allocation_id
            .and_then(|id| allocations.get(&id))
            .map(|a| super::overview::holder(a, &partners));
        let request = e.request_id.and_then(|id| requests.get(&id));
        out.row([
            e.id.to_string(),
            e.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            budgets
                .get(&e.budget_id)
                .map(|b| b.name.clone())
                .unwrap_or_default(),
            holder.unwrap_or_default(),
            e.request_id.map(|id| id.to_string()).unwrap_or_default(),
            request.map(|r| r.title.clone()).unwrap_or_default(),
            e.kind.as_str().to_owned(),
            to_input(e.amount_minor, &e.currency),
            e.currency.clone(),
            people.get(&e.actor_id).cloned().unwrap_or_default(),
            e.reason.clone(),
        ])?;
    }
    out.finish()
}
