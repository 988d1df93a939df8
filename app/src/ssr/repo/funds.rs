//! Fund queries: the append-only ledger, balances derived from it, the guard
//! counters that make over-spending impossible under concurrency, and the
//! audit trail.

use crate::ssr::entities::{fund_allocation, fund_budget, fund_ledger};
use crate::ssr::scope::tenant_is;
use crate::types::funds::{Balances, LedgerKind};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QuerySelect,
};

pub struct Entry<'a> {
    pub tenant_id: i64,
    pub budget_id: i64,
    pub allocation_id: Option<i64>,
    pub request_id: Option<i64>,
    pub kind: LedgerKind,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub actor_id: i64,
    pub reason: &'a str,
    pub at: DateTime<Utc>,
}

pub async fn append(db: &impl ConnectionTrait, e: Entry<'_>) -> Result<(), DbErr> {
    fund_ledger::ActiveModel {
        tenant_id: Set(e.tenant_id),
        budget_id: Set(e.budget_id),
        allocation_id: Set(e.allocation_id),
        request_id: Set(e.request_id),
        kind: Set(e.kind),
        amount_minor: Set(e.amount_minor),
        currency: Set(e.currency.to_owned()),
        actor_id: Set(e.actor_id),
        reason: Set(e.reason.to_owned()),
        created_at: Set(e.at),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Folds (kind, sum) pairs into balances.
pub fn fold(sums: &[(String, i64)]) -> Balances {
    let get = |k: LedgerKind| {
        sums.iter()
            .filter(|(kind, _)| kind == k.as_str())
            .map(|(_, v)| *v)
            .sum::<i64>()
    };
    let allocated = get(LedgerKind::Credit) - get(LedgerKind::Expire) - get(LedgerKind::Reverse);
    let reserved = get(LedgerKind::Reserve) - get(LedgerKind::Release) - get(LedgerKind::Approve);
    let claimed = get(LedgerKind::Approve) - get(LedgerKind::Pay);
    let paid = get(LedgerKind::Pay);
    Balances {
        allocated,
        reserved,
        claimed,
        paid,
        available: allocated - reserved - claimed - paid,
    }
}

/// Balances per allocation, derived from the ledger.
pub async fn balances_by_allocation(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    allocation_ids: Vec<i64>,
) -> Result<std::collections::HashMap<i64, Balances>, DbErr> {
    if allocation_ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Option<i64>, String, i64)> = fund_ledger::Entity::find()
        .select_only()
        .column(fund_ledger::Column::AllocationId)
        .column(fund_ledger::Column::Kind)
        .column_as(
            fund_ledger::Column::AmountMinor.sum().cast_as("bigint"),
            "total",
        )
        .filter(tenant_is::<fund_ledger::Entity>(tenant_id))
        .filter(fund_ledger::Column::AllocationId.is_in(allocation_ids))
        .group_by(fund_ledger::Column::AllocationId)
        .group_by(fund_ledger::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    Ok(fold_by_key(rows.into_iter().filter_map(
        |(allocation, kind, total)| allocation.map(|id| (id, kind, total)),
    )))
}

/// Balances per key from (key, ledger kind, sum) rows.
fn fold_by_key(
    rows: impl Iterator<Item = (i64, String, i64)>,
) -> std::collections::HashMap<i64, Balances> {
    let mut grouped: std::collections::HashMap<i64, Vec<(String, i64)>> = Default::default();
    for (key, kind, total) in rows {
        grouped.entry(key).or_default().push((kind, total));
    }
    grouped
        .into_iter()
        .map(|(key, sums)| (key, fold(&sums)))
        .collect()
}

/// Balances per budget over all its allocations, summed in the database.
pub async fn balances_by_budget(
    db: &impl ConnectionTrait,
    tenant_id: i64,
) -> Result<std::collections::HashMap<i64, Balances>, DbErr> {
    let rows: Vec<(i64, String, i64)> = fund_ledger::Entity::find()
        .select_only()
        .column(fund_ledger::Column::BudgetId)
        .column(fund_ledger::Column::Kind)
        .column_as(
            fund_ledger::Column::AmountMinor.sum().cast_as("bigint"),
            "total",
        )
        .filter(tenant_is::<fund_ledger::Entity>(tenant_id))
        .filter(fund_ledger::Column::AllocationId.is_not_null())
        .group_by(fund_ledger::Column::BudgetId)
        .group_by(fund_ledger::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    Ok(fold_by_key(rows.into_iter()))
}

/// Takes `amount` from a budget's unallocated funds; false if not enough.
pub async fn take_from_budget(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    budget_id: i64,
    amount: i64,
) -> Result<bool, DbErr> {
    let res = fund_budget::Entity::update_many()
        .col_expr(
            fund_budget::Column::UnallocatedMinor,
            Expr::col(fund_budget::Column::UnallocatedMinor).sub(amount),
        )
        .filter(tenant_is::<fund_budget::Entity>(tenant_id))
        .filter(fund_budget::Column::Id.eq(budget_id))
        .filter(fund_budget::Column::UnallocatedMinor.gte(amount))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Reserves `amount` of an allocation; false if it would go below zero.
/// One conditional UPDATE, so concurrent approvals cannot overdraw it.
pub async fn reserve(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    allocation_id: i64,
    amount: i64,
) -> Result<bool, DbErr> {
    let res = fund_allocation::Entity::update_many()
        .col_expr(
            fund_allocation::Column::AvailableMinor,
            Expr::col(fund_allocation::Column::AvailableMinor).sub(amount),
        )
        .col_expr(
            fund_allocation::Column::Version,
            Expr::col(fund_allocation::Column::Version).add(1),
        )
        .filter(tenant_is::<fund_allocation::Entity>(tenant_id))
        .filter(fund_allocation::Column::Id.eq(allocation_id))
        .filter(fund_allocation::Column::AvailableMinor.gte(amount))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Returns reserved money to an allocation's available funds.
pub async fn release(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    allocation_id: i64,
    amount: i64,
) -> Result<(), DbErr> {
    fund_allocation::Entity::update_many()
        .col_expr(
            fund_allocation::Column::AvailableMinor,
            Expr::col(fund_allocation::Column::AvailableMinor).add(amount),
        )
        .col_expr(
            fund_allocation::Column::Version,
            Expr::col(fund_allocation::Column::Version).add(1),
        )
        .filter(tenant_is::<fund_allocation::Entity>(tenant_id))
        .filter(fund_allocation::Column::Id.eq(allocation_id))
        .exec(db)
        .await
        .map(|_| ())
}
