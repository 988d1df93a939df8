//! Certifications as the program names them, and the people who hold one
//! until it expires: what lead routing asks of a partner for a lead that
//! requires one (a partner qualifies while at least one of its people holds
//! it). Courses, exams and certificates build on these with the partner
//! program.

use super::keys::{key_by_tenant, tenant_fk, unkey};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Created in this order, dropped in the reverse.
const TABLES: [&str; 2] = ["certifications", "user_certifications"];

fn tenant_owned(table: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Alias::new(table), "tenant_id")
        .to("tenants", "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("certifications")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string_len("code", 40))
                .col(string_len("name", 160))
                // Months a certification stays valid once earned.
                .col(integer("valid_months").default(24))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut tenant_owned("certifications"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_certifications_code")
                .table("certifications")
                .col("tenant_id")
                .col("code")
                .unique()
                .to_owned(),
        )
        .await?;
        key_by_tenant(m, TABLES[0]).await?;
        m.create_table(
            Table::create()
                .table("user_certifications")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("user_id"))
                .col(big_integer("certification_id"))
                .col(date("earned_on"))
                .col(date("expires_on"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut tenant_owned("user_certifications"))
                .foreign_key(&mut tenant_fk("user_certifications", "user_id", "users"))
                .foreign_key(&mut tenant_fk(
                    "user_certifications",
                    "certification_id",
                    "certifications",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_user_certifications_certification")
                .table("user_certifications")
                .col("tenant_id")
                .col("certification_id")
                .col("expires_on")
                .to_owned(),
        )
        .await?;
        key_by_tenant(m, TABLES[1]).await?;
        m.alter_table(
            Table::alter()
                .table("leads")
                .add_column(big_integer_null("certification_id"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("leads")
                .drop_column(Alias::new("certification_id"))
                .to_owned(),
        )
        .await?;
        for table in TABLES.iter().rev() {
            unkey(m, table).await?;
            m.drop_table(Table::drop().table(Alias::new(*table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
