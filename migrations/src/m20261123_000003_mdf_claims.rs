//! Claims against approved fund requests, their proof-of-performance files,
//! and the tenant's claim deadline setting.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("tenants")
                .add_column(integer("mdf_claim_days").default(60))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("mdf_claims")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("request_id"))
                .col(big_integer("partner_id"))
                .col(big_integer("actual_minor"))
                .col(big_integer_null("approved_minor"))
                .col(integer("actual_leads").default(0))
                .col(integer("actual_attendees").default(0))
                .col(big_integer("actual_pipeline_minor").default(0))
                .col(text("results"))
                .col(string("status"))
                .col(text_null("decision_reason"))
                .col(date_null("paid_on"))
                .col(string_null("payment_reference"))
                .col(integer("version").default(1))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_claims", "request_id")
                        .to("mdf_requests", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // One claim per request.
        m.create_index(
            Index::create()
                .name("ux_mdf_claims_request")
                .table("mdf_claims")
                .col("tenant_id")
                .col("request_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_claims_tenant_status")
                .table("mdf_claims")
                .col("tenant_id")
                .col("status")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("mdf_claim_files")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("claim_id"))
                .col(string("object_key"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size_bytes"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("mdf_claim_files", "claim_id")
                        .to("mdf_claims", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mdf_claim_files_claim")
                .table("mdf_claim_files")
                .col("tenant_id")
                .col("claim_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("mdf_claim_files").to_owned())
            .await?;
        m.drop_table(Table::drop().table("mdf_claims").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("tenants")
                .drop_column("mdf_claim_days")
                .to_owned(),
        )
        .await
    }
}
