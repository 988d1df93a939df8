//! Fund balances summed per currency over what the actor can see, for the
//! dashboards.

use crate::error::AppResult;
use crate::ssr::entities::mdf_budget;
use crate::ssr::repo::{db_error, funds};
use crate::ssr::{AppState, Scope};
use crate::types::mdf::{Balances, FundsTotal};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

pub async fn visible(state: &AppState, scope: &Scope<'_>) -> AppResult<Vec<FundsTotal>> {
    let db = &state.db;
    let allocations = scope.mdf_allocations().all(db).await.map_err(db_error)?;
    if allocations.is_empty() {
        return Ok(Vec::new());
    }
    let currency_of: HashMap<i64, String> = mdf_budget::Entity::find()
        .filter(mdf_budget::Column::TenantId.eq(scope.tenant_id()))
        .filter(
            mdf_budget::Column::Id
                .is_in(allocations.iter().map(|a| a.budget_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|b| (b.id, b.currency))
        .collect();
    let balances = funds::balances_by_allocation(
        db,
        scope.tenant_id(),
        allocations.iter().map(|a| a.id).collect(),
    )
    .await
    .map_err(db_error)?;
    let mut totals: Vec<FundsTotal> = Vec::new();
    for a in &allocations {
        let (Some(currency), Some(b)) = (currency_of.get(&a.budget_id), balances.get(&a.id)) else {
            continue;
        };
        let at = match totals.iter().position(|t| &t.currency == currency) {
            Some(at) => at,
            None => {
                totals.push(FundsTotal {
                    currency: currency.clone(),
                    balances: Balances::default(),
                });
                totals.len() - 1
            }
        };
        let t = &mut totals[at].balances;
        t.allocated += b.allocated;
        t.reserved += b.reserved;
        t.claimed += b.claimed;
        t.paid += b.paid;
        t.available += b.available;
    }
    totals.sort_by(|a, b| a.currency.cmp(&b.currency));
    Ok(totals)
}
