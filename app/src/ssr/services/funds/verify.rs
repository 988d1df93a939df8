//! The books checked against themselves, for reliability runs
//! (`server verify`): every allocation's running counter equals what its
//! ledger adds up to and never went negative, and no claim was approved (or
//! paid) twice.

use crate::ssr::entities::{fund_allocation, fund_claim, fund_ledger};
use crate::ssr::repo::funds::balances_by_allocation;
use crate::types::funds::{ClaimStatus, LedgerKind};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct Report {
    pub allocations: usize,
    pub claims_approved: usize,
    pub problems: Vec<String>,
}

pub async fn ledger(db: &impl ConnectionTrait) -> Result<Report, DbErr> {
    let mut report = Report::default();
    counters_match_ledger(db, &mut report).await?;
    at_most_one_entry_per_request(db, &mut report).await?;
    approvals_have_entries(db, &mut report).await?;
    Ok(report)
}

/// Every allocation's counters equal what its ledger adds up to, and none
/// is negative.
async fn counters_match_ledger(
    db: &impl ConnectionTrait,
    report: &mut Report,
) -> Result<(), DbErr> {
    let allocations = fund_allocation::Entity::find().all(db).await?;
    report.allocations = allocations.len();
    let mut by_tenant: HashMap<i64, Vec<&fund_allocation::Model>> = HashMap::new();
    for a in &allocations {
        by_tenant.entry(a.tenant_id).or_default().push(a);
    }
    for (tenant, list) in by_tenant {
        for chunk in list.chunks(500) {
            let balances =
                balances_by_allocation(db, tenant, chunk.iter().map(|a| a.id).collect()).await?;
            for a in chunk {
                let b = balances.get(&a.id).cloned().unwrap_or_default();
                if b.available != a.available_minor {
                    report.problems.push(format!(
                        "allocation {}: counter says {} available, the ledger {}",
                        a.id, a.available_minor, b.available
                    ));
                }
                if b.allocated != a.amount_minor {
                    report.problems.push(format!(
                        "allocation {}: {} allocated, the ledger credits {}",
                        a.id, a.amount_minor, b.allocated
                    ));
                }
                if a.available_minor < 0 {
                    report
                        .problems
                        .push(format!("allocation {} is negative", a.id));
                }
            }
        }
    }
    Ok(())
}

/// At most one approval and one payment entry per request.
async fn at_most_one_entry_per_request(
    db: &impl ConnectionTrait,
    report: &mut Report,
) -> Result<(), DbErr> {
    for kind in [LedgerKind::Approve, LedgerKind::Pay] {
        let per_request: Vec<(Option<i64>, i64)> = fund_ledger::Entity::find()
            .select_only()
            .column(fund_ledger::Column::RequestId)
            .column_as(fund_ledger::Column::Id.count(), "n")
            .filter(fund_ledger::Column::Kind.eq(kind))
            .group_by(fund_ledger::Column::RequestId)
            .into_tuple()
            .all(db)
            .await?;
        for (request, n) in per_request {
            if n > 1 {
                report.problems.push(format!(
                    "request {}: {n} ledger entries of kind {kind}",
                    request.unwrap_or(0),
                ));
            }
        }
    }
    Ok(())
}

/// Every approved (or paid) claim has its approval in the ledger.
async fn approvals_have_entries(
    db: &impl ConnectionTrait,
    report: &mut Report,
) -> Result<(), DbErr> {
    let approved: Vec<i64> = fund_claim::Entity::find()
        .select_only()
        .column(fund_claim::Column::RequestId)
        .filter(fund_claim::Column::Status.is_in([ClaimStatus::Approved, ClaimStatus::Paid]))
        .into_tuple()
        .all(db)
        .await?;
    report.claims_approved = approved.len();
    let with_entry: std::collections::HashSet<i64> = fund_ledger::Entity::find()
        .select_only()
        .column(fund_ledger::Column::RequestId)
        .filter(fund_ledger::Column::Kind.eq(LedgerKind::Approve))
        .into_tuple::<Option<i64>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    for request in approved {
        if !with_entry.contains(&request) {
            report.problems.push(format!(
                "request {request}: claim approved without a ledger entry"
            ));
        }
    }
    Ok(())
}
