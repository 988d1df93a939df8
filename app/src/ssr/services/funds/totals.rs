//! Fund balances summed per currency over what the actor can see, for the
//! dashboards. Summed in the database over the visible allocations, so the
//! cost does not grow with an id list (a program may have 100,000 partners).

use crate::error::AppResult;
use crate::ssr::entities::{fund_allocation, fund_ledger};
use crate::ssr::repo::funds;
use crate::ssr::scope::tenant_is;
use crate::ssr::{AppState, Scope};
use crate::types::funds::FundsTotal;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use std::collections::BTreeMap;

pub async fn visible(state: &AppState, scope: &Scope<'_>) -> AppResult<Vec<FundsTotal>> {
    let visible_allocations = scope
        .fund_allocations()
        .select_only()
        .column(fund_allocation::Column::Id)
        .into_query();
    let rows: Vec<(String, String, i64)> = fund_ledger::Entity::find()
        .select_only()
        .column(fund_ledger::Column::Currency)
        .column(fund_ledger::Column::Kind)
        .column_as(
            fund_ledger::Column::AmountMinor.sum().cast_as("bigint"),
            "total",
        )
        .filter(tenant_is::<fund_ledger::Entity>(scope.tenant_id()))
        .filter(fund_ledger::Column::AllocationId.in_subquery(visible_allocations))
        .group_by(fund_ledger::Column::Currency)
        .group_by(fund_ledger::Column::Kind)
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut by_currency: BTreeMap<String, Vec<(String, i64)>> = BTreeMap::new();
    for (currency, kind, total) in rows {
        by_currency.entry(currency).or_default().push((kind, total));
    }
    Ok(by_currency
        .into_iter()
        .map(|(currency, sums)| FundsTotal {
            currency,
            balances: funds::fold(&sums),
        })
        .collect())
}
