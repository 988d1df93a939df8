//! The channel hierarchy of any depth (vendor → distributor → reseller →
//! sub-reseller): `organizations.parent_id` says whom a partner buys
//! through; `channel_links` holds every (ancestor, descendant) pair of that
//! tree with the number of steps between them, so "everyone below this
//! company" is one index range, however deep the channel goes.

use super::keys::tenant_fk;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("channel_links")
                .col(ColumnDef::new("tenant_id").big_integer().not_null())
                .col(ColumnDef::new("ancestor_id").big_integer().not_null())
                .col(ColumnDef::new("descendant_id").big_integer().not_null())
                // 1 for a direct reseller, 2 for one of its resellers, …
                .col(ColumnDef::new("depth").integer().not_null())
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("ancestor_id")
                        .col("descendant_id"),
                )
                .foreign_key(&mut tenant_fk(
                    "channel_links",
                    "ancestor_id",
                    "organizations",
                ))
                .foreign_key(&mut tenant_fk(
                    "channel_links",
                    "descendant_id",
                    "organizations",
                ))
                .to_owned(),
        )
        .await?;
        // Everyone above a company (moving it, its "buys through" path).
        m.create_index(
            Index::create()
                .name("ix_channel_links_descendant")
                .table("channel_links")
                .col("tenant_id")
                .col("descendant_id")
                .col("depth")
                .to_owned(),
        )
        .await?;
        // The pairs of the trees that exist already, walked up from each
        // partner along parent_id.
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO channel_links (tenant_id, ancestor_id, descendant_id, depth) \
                 WITH RECURSIVE up(tenant_id, ancestor_id, descendant_id, depth) AS ( \
                   SELECT tenant_id, parent_id, id, 1 FROM organizations WHERE parent_id IS NOT NULL \
                   UNION ALL \
                   SELECT up.tenant_id, o.parent_id, up.descendant_id, up.depth + 1 \
                   FROM up JOIN organizations o ON o.tenant_id = up.tenant_id AND o.id = up.ancestor_id \
                   WHERE o.parent_id IS NOT NULL AND up.depth < 64) \
                 SELECT tenant_id, ancestor_id, descendant_id, depth FROM up",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("channel_links").to_owned())
            .await
    }
}
