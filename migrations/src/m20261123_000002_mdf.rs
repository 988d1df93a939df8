//! Market development funds: budgets, allocations, fund requests, the
//! append-only ledger, and the audit trail shared by every module.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mdf_budgets")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string("name"))
                .col(string("kind"))
                .col(string("currency"))
                .col(big_integer("total_minor"))
                // Guard counter kept in step with the ledger inside each
                // transaction; a conditional update on it stops over-allocation.
                .col(big_integer("unallocated_minor"))
                .col(integer_null("coop_percent_bp"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(string("idempotency_key"))
                .col(integer("version").default(1))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_budgets", "tenant_id")
                        .to("tenants", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_mdf_budgets_idem")
                .table("mdf_budgets")
                .col("tenant_id")
                .col("idempotency_key")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_budgets_tenant")
                .table("mdf_budgets")
                .col("tenant_id")
                .col("starts_on")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("mdf_allocations")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("budget_id"))
                .col(big_integer_null("partner_id"))
                .col(string_null("tier"))
                .col(big_integer("amount_minor"))
                // Guard counter: what is neither reserved nor spent.
                .col(big_integer("available_minor"))
                .col(string("idempotency_key"))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_allocations", "budget_id")
                        .to("mdf_budgets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_allocations", "partner_id")
                        .to("organizations", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_mdf_alloc_idem")
                .table("mdf_allocations")
                .col("tenant_id")
                .col("idempotency_key")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_alloc_tenant_partner")
                .table("mdf_allocations")
                .col("tenant_id")
                .col("partner_id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_alloc_tenant_budget")
                .table("mdf_allocations")
                .col("tenant_id")
                .col("budget_id")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("mdf_requests")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("partner_id"))
                .col(big_integer("allocation_id"))
                .col(string("activity_type"))
                .col(string("title"))
                .col(text("description"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(big_integer("requested_minor"))
                .col(big_integer_null("approved_minor"))
                .col(big_integer("partner_share_minor"))
                .col(integer("expected_leads").default(0))
                .col(integer("expected_attendees").default(0))
                .col(big_integer("expected_pipeline_minor").default(0))
                .col(string("status"))
                .col(text_null("decision_reason"))
                .col(timestamp_with_time_zone_null("claim_reminded_at"))
                .col(string("idempotency_key"))
                .col(integer("version").default(1))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_requests", "allocation_id")
                        .to("mdf_allocations", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_requests", "partner_id")
                        .to("organizations", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_mdf_requests_idem")
                .table("mdf_requests")
                .col("tenant_id")
                .col("idempotency_key")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_requests_tenant_status")
                .table("mdf_requests")
                .col("tenant_id")
                .col("status")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_requests_tenant_partner")
                .table("mdf_requests")
                .col("tenant_id")
                .col("partner_id")
                .col("id")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("mdf_ledger")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("budget_id"))
                .col(big_integer_null("allocation_id"))
                .col(big_integer_null("request_id"))
                .col(string("kind"))
                .col(big_integer("amount_minor"))
                .col(string("currency"))
                .col(big_integer("actor_id"))
                .col(text("reason"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_ledger", "budget_id")
                        .to("mdf_budgets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_ledger_tenant_alloc")
                .table("mdf_ledger")
                .col("tenant_id")
                .col("allocation_id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_ledger_tenant_budget")
                .table("mdf_ledger")
                .col("tenant_id")
                .col("budget_id")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("audit_events")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string("entity"))
                .col(big_integer("entity_id"))
                .col(big_integer("actor_id"))
                .col(string("action"))
                .col(text("detail"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_tenant_entity")
                .table("audit_events")
                .col("tenant_id")
                .col("entity")
                .col("entity_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "audit_events",
            "mdf_ledger",
            "mdf_requests",
            "mdf_allocations",
            "mdf_budgets",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
