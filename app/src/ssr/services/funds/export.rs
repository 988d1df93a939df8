//! The ledger as CSV for finance: one row per entry, oldest first, amounts
//! as decimals in the budget's currency.

use crate::error::AppResult;
use crate::ssr::csv_file::CsvFile;
use crate::ssr::entities::{fund_allocation, fund_budget, fund_ledger, fund_request};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{organizations, users};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::tiers::ProgramTiers;
use crate::ssr::{Actor, AppState, Scope};
use crate::types::money::to_input;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn ledger_csv(state: &AppState, actor: &Actor) -> AppResult<String> {
    actor.require(Permission::ManageBudgets)?;
    let ledger = Ledger::load(state, actor).await?;
    let mut out = CsvFile::new(
        "ledger export",
        [
            crate::tr!(csv.ledger.entry),
            crate::tr!(csv.ledger.date_utc),
            crate::tr!(csv.ledger.budget),
            crate::tr!(csv.ledger.holder),
            crate::tr!(csv.ledger.request),
            crate::tr!(csv.ledger.request_title),
            crate::tr!(csv.ledger.kind),
            crate::tr!(csv.ledger.amount),
            crate::tr!(csv.ledger.currency),
            crate::tr!(csv.ledger.actor),
            crate::tr!(csv.ledger.reason),
        ],
    )?;
    for e in &ledger.entries {
        out.row(ledger.row(e))?;
    }
    out.finish()
}

/// The actor's ledger entries with the names each row shows.
struct Ledger {
    entries: Vec<fund_ledger::Model>,
    budgets: HashMap<i64, fund_budget::Model>,
    allocations: HashMap<i64, fund_allocation::Model>,
    requests: HashMap<i64, fund_request::Model>,
    partners: HashMap<i64, String>,
    tiers: ProgramTiers,
    people: HashMap<i64, String>,
}

impl Ledger {
    async fn load(state: &AppState, actor: &Actor) -> AppResult<Self> {
        let db = &state.db;
        let scope = Scope::new(actor);
        let budgets = by_id(scope.fund_budgets().all(db).await?, |b| b.id);
        let entries = in_tenant::<fund_ledger::Entity>(actor.tenant_id)
            .filter(
                fund_ledger::Column::BudgetId.is_in(budgets.keys().copied().collect::<Vec<_>>()),
            )
            .order_by_asc(fund_ledger::Column::Id)
            .all(db)
            .await?;
        let allocations = by_id(scope.fund_allocations().all(db).await?, |a| a.id);
        let request_ids: Vec<i64> = entries.iter().filter_map(|e| e.request_id).collect();
        let requests = scope
            .fund_requests()
            .filter(fund_request::Column::Id.is_in(request_ids))
            .all(db)
            .await?;
        let partner_ids = allocations.values().filter_map(|a| a.partner_id).collect();
        let partners = organizations::names(db, actor.tenant_id, partner_ids).await?;
        let actor_ids = entries.iter().map(|e| e.actor_id).collect();
        let people = users::names(db, actor.tenant_id, actor_ids).await?;
        Ok(Ledger {
            requests: by_id(requests, |r| r.id),
            partners: partners.into_iter().collect(),
            tiers: ProgramTiers::load(db, actor.tenant_id).await?,
            people: people.into_iter().collect(),
            entries,
            budgets,
            allocations,
        })
    }

    fn row(&self, e: &fund_ledger::Model) -> [String; 11] {
        let holder = e
            .allocation_id
            .and_then(|id| self.allocations.get(&id))
            .map(|a| super::overview::holder(a, &self.partners, &self.tiers));
        let request = e.request_id.and_then(|id| self.requests.get(&id));
        [
            e.id.to_string(),
            e.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            self.budgets
                .get(&e.budget_id)
                .map(|b| b.name.clone())
                .unwrap_or_default(),
            holder.unwrap_or_default(),
            e.request_id.map(|id| id.to_string()).unwrap_or_default(),
            request.map(|r| r.title.clone()).unwrap_or_default(),
            e.kind.as_str().to_owned(),
            to_input(e.amount_minor, &e.currency),
            e.currency.clone(),
            self.people.get(&e.actor_id).cloned().unwrap_or_default(),
            e.reason.clone(),
        ]
    }
}

fn by_id<T>(rows: Vec<T>, id: impl Fn(&T) -> i64) -> HashMap<i64, T> {
    rows.into_iter().map(|r| (id(&r), r)).collect()
}
