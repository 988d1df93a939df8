//! One partner revenue ledger: every revenue figure with its source
//! (entered, imported, a won deal keyed by the deal), its period, currency
//! and amount in minor units; the program's currency and its dated exchange
//! rates, so a total in the program's currency is exact and reproducible.
//! Co-op accrual reads the ledger: `fund_revenue` keeps what a figure
//! accrued in a budget and points at the figure.

use super::keys::{key_by_tenant, tenant_fk};
use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn run(m: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    m.get_connection().execute_unprepared(sql).await.map(|_| ())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The currency program-wide totals are given in.
        m.alter_table(
            Table::alter()
                .table("tenants")
                .add_column(string_len("currency", 3).default("USD"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("exchange_rates")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string_len("currency", 3))
                // The rate holds from this day until the next one's.
                .col(date("valid_from"))
                // Program currency units per unit of `currency`, in
                // billionths (`types::revenue::Rate`).
                .col(big_integer("rate_e9"))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("exchange_rates", "tenant_id")
                        .to("tenants", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_exchange_rates_day")
                .table("exchange_rates")
                .col("tenant_id")
                .col("currency")
                .col("valid_from")
                .unique()
                .to_owned(),
        )
        .await?;
        key_by_tenant(m, "exchange_rates").await?;
        m.create_table(
            Table::create()
                .table("partner_revenue")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("partner_id"))
                // `2027-01` or `2027-Q1`, and the day it starts (for the
                // exchange rate and for ordering).
                .col(string_len("period", 7))
                .col(date("period_start"))
                // `types::revenue::RevenueSource`.
                .col(string_len("source", 16))
                // The won deal the figure comes from; a deal counts once.
                .col(big_integer_null("deal_id"))
                .col(string_len("currency", 3))
                .col(big_integer("amount_minor"))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("partner_revenue", "tenant_id")
                        .to("tenants", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut tenant_fk(
                    "partner_revenue",
                    "partner_id",
                    "organizations",
                ))
                .to_owned(),
        )
        .await?;
        // One reported figure per partner, period and currency (entering or
        // importing it again cannot count it twice); one figure per deal.
        run(
            m,
            "CREATE UNIQUE INDEX ux_partner_revenue_reported ON partner_revenue \
             (tenant_id, partner_id, period, currency) WHERE deal_id IS NULL",
        )
        .await?;
        run(
            m,
            "CREATE UNIQUE INDEX ux_partner_revenue_deal ON partner_revenue \
             (tenant_id, deal_id) WHERE deal_id IS NOT NULL",
        )
        .await?;
        // The ledger page, newest periods first, and a partner's figures.
        m.create_index(
            Index::create()
                .name("ix_partner_revenue_period")
                .table("partner_revenue")
                .col("tenant_id")
                .col("period_start")
                .col("id")
                .to_owned(),
        )
        .await?;
        key_by_tenant(m, "partner_revenue").await?;
        // Each period's sum per currency, kept in the transaction that adds
        // a figure, so the page's totals cost the same however many
        // partners report.
        m.create_table(
            Table::create()
                .table("revenue_totals")
                .col(big_integer("tenant_id"))
                .col(string_len("period", 7))
                .col(date("period_start"))
                .col(string_len("currency", 3))
                .col(big_integer("figures"))
                .col(big_integer("amount_minor"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("period")
                        .col("currency"),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from("revenue_totals", "tenant_id")
                        .to("tenants", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_revenue_totals_start")
                .table("revenue_totals")
                .col("tenant_id")
                .col("period_start")
                .to_owned(),
        )
        .await?;

        // Figures recorded for co-op budgets move into the ledger, in their
        // budget's currency; a figure recorded for two budgets is one.
        m.alter_table(
            Table::alter()
                .table("fund_revenue")
                .add_column(big_integer_null("revenue_id"))
                .to_owned(),
        )
        .await?;
        let first_day = if m.get_database_backend()
            == sea_orm_migration::sea_orm::DbBackend::Postgres
        {
            "CAST(CASE WHEN substr(r.period, 6, 1) = 'Q' \
               THEN substr(r.period, 1, 4) || '-' || lpad(CAST((CAST(substr(r.period, 7, 1) AS INTEGER) * 3 - 2) AS TEXT), 2, '0') || '-01' \
               ELSE r.period || '-01' END AS DATE)"
        } else {
            "CASE WHEN substr(r.period, 6, 1) = 'Q' \
               THEN substr(r.period, 1, 4) || '-' || printf('%02d', CAST(substr(r.period, 7, 1) AS INTEGER) * 3 - 2) || '-01' \
               ELSE r.period || '-01' END"
        };
        run(
            m,
            &format!(
                "INSERT INTO partner_revenue (tenant_id, partner_id, period, period_start, source, deal_id, \
                   currency, amount_minor, created_by, created_at) \
                 SELECT r.tenant_id, r.partner_id, r.period, {first_day}, 'entered', NULL, b.currency, \
                   r.revenue_minor, r.created_by, r.created_at \
                 FROM fund_revenue r JOIN fund_budgets b ON b.tenant_id = r.tenant_id AND b.id = r.budget_id \
                 WHERE r.id = (SELECT MIN(o.id) FROM fund_revenue o JOIN fund_budgets ob \
                   ON ob.tenant_id = o.tenant_id AND ob.id = o.budget_id \
                   WHERE o.tenant_id = r.tenant_id AND o.partner_id = r.partner_id \
                     AND o.period = r.period AND ob.currency = b.currency)"
            ),
        )
        .await?;
        run(
            m,
            "INSERT INTO revenue_totals (tenant_id, period, period_start, currency, figures, amount_minor) \
             SELECT tenant_id, period, MIN(period_start), currency, COUNT(*), SUM(amount_minor) \
             FROM partner_revenue GROUP BY tenant_id, period, currency",
        )
        .await?;
        run(
            m,
            "UPDATE fund_revenue SET revenue_id = (SELECT p.id FROM partner_revenue p \
               JOIN fund_budgets b ON b.tenant_id = fund_revenue.tenant_id AND b.id = fund_revenue.budget_id \
               WHERE p.tenant_id = fund_revenue.tenant_id AND p.partner_id = fund_revenue.partner_id \
                 AND p.period = fund_revenue.period AND p.currency = b.currency AND p.deal_id IS NULL)",
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("fund_revenue")
                .drop_column("revenue_id")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("revenue_totals").to_owned())
            .await?;
        m.drop_table(Table::drop().table("partner_revenue").to_owned())
            .await?;
        m.drop_table(Table::drop().table("exchange_rates").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("tenants")
                .drop_column("currency")
                .to_owned(),
        )
        .await
    }
}
