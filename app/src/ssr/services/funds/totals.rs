//! Fund balances summed per currency over what the actor can see, for the
//! dashboards. Summed in the database over the visible allocations, so the
//! cost does not grow with an id list (a program may have 100,000 partners).

use crate::error::AppResult;
use crate::ssr::entities::{mdf_allocation, mdf_ledger};
use crate::ssr::repo::funds;
use crate::ssr::scope::tenant_is;
use crate::ssr::{AppState, Scope};
use crate::types::mdf::FundsTotal;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use std::collections::BTreeMap;

pub async fn visible(state: &AppState, scope: &Scope<'_>) -> AppResult<Vec<FundsTotal>> {
    let visible_allocations = scope
        .mdf_allocations()
        .select_only()
        .column(mdf_allocation::Column::Id)
        .into_query();
    let rows: Vec<(String, String, i64)> = mdf_ledger::Entity::find()
        .select_only()
        .column(mdf_ledger::Column::Currency)
        .column(mdf_ledger::Column::Kind)
        .column_as(
            mdf_ledger::Column::AmountMinor.sum().cast_as("bigint"),
            "total",
        )
        .filter(tenant_is::<mdf_ledger::Entity>(scope.tenant_id()))
        .filter(mdf_ledger::Column::AllocationId.in_subquery(visible_allocations))
        .group_by(mdf_ledger::Column::Currency)
        .group_by(mdf_ledger::Column::Kind)
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
