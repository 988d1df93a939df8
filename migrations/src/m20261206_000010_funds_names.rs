//! One name per area: the funds tables take the area's name (`fund_*`, as
//! the routes, modules and tests have it) instead of `mdf_*`, and the audit
//! trail's records of them follow.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [(&str, &str); 7] = [
    ("mdf_budgets", "fund_budgets"),
    ("mdf_allocations", "fund_allocations"),
    ("mdf_requests", "fund_requests"),
    ("mdf_claims", "fund_claims"),
    ("mdf_claim_files", "fund_claim_files"),
    ("mdf_ledger", "fund_ledger"),
    ("mdf_revenue", "fund_revenue"),
];

/// `audit_events.entity` values naming a funds record.
const AUDITED: [(&str, &str); 2] = [
    ("mdf_request", "fund_request"),
    ("mdf_budget", "fund_budget"),
];

async fn rename(m: &SchemaManager<'_>, forward: bool) -> Result<(), DbErr> {
    let pick =
        |(old, new): (&'static str, &'static str)| if forward { (old, new) } else { (new, old) };
    for pair in TABLES {
        let (from, to) = pick(pair);
        m.rename_table(
            Table::rename()
                .table(Alias::new(from), Alias::new(to))
                .to_owned(),
        )
        .await?;
    }
    let (from, to) = pick(("mdf_claim_days", "fund_claim_days"));
    m.alter_table(
        Table::alter()
            .table("tenants")
            .rename_column(Alias::new(from), Alias::new(to))
            .to_owned(),
    )
    .await?;
    for pair in AUDITED {
        let (from, to) = pick(pair);
        m.exec_stmt(
            Query::update()
                .table("audit_events")
                .value(Alias::new("entity"), to)
                .and_where(Expr::col(Alias::new("entity")).eq(from))
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        rename(m, true).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        rename(m, false).await
    }
}
