//! Partner revenue recorded against co-op budgets; each row accrues funds.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mdf_revenue")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("budget_id"))
                .col(big_integer("partner_id"))
                .col(string("period"))
                .col(big_integer("revenue_minor"))
                .col(big_integer("accrued_minor"))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_revenue", "budget_id")
                        .to("mdf_budgets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // One revenue figure per partner and period in a budget: importing the
        // same file twice cannot accrue twice.
        m.create_index(
            Index::create()
                .name("ux_mdf_revenue_period")
                .table("mdf_revenue")
                .col("tenant_id")
                .col("budget_id")
                .col("partner_id")
                .col("period")
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("mdf_revenue").to_owned())
            .await
    }
}
