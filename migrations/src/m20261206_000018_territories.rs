//! Territories: where each partner works. A partner's territory is a set of
//! areas, each a country, optionally narrowed to one region (as the vendor
//! names it) or one postcode prefix; and optionally the partner's location,
//! typed by the vendor as coordinates (nothing here can geocode), with the
//! radius it serves around it. Lead routing, content audiences and
//! scorecard filters match a place against these.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The partner's location and service radius, on the partner's row.
const LOCATION: [&str; 3] = ["latitude_e6", "longitude_e6", "service_radius_km"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("territories")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("partner_id"))
                // ISO 3166-1 alpha-2, in capitals.
                .col(string_len("country", 2))
                // Empty: the whole country (or the whole region). Empty
                // rather than NULL so the unique index below holds on
                // PostgreSQL too, where NULLs never collide.
                .col(string_len("region", 80).default(""))
                .col(string_len("postcode_prefix", 10).default(""))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("territories", "partner_id")
                        .to("organizations", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_territories_area")
                .table("territories")
                .col("tenant_id")
                .col("partner_id")
                .col("country")
                .col("region")
                .col("postcode_prefix")
                .unique()
                .to_owned(),
        )
        .await?;
        // Who works at a place: the directory's "works in" filter and,
        // later, lead routing read this index only.
        m.create_index(
            Index::create()
                .name("ix_territories_place")
                .table("territories")
                .col("tenant_id")
                .col("country")
                .col("postcode_prefix")
                .col("partner_id")
                .to_owned(),
        )
        .await?;
        // SQLite alters one column per statement.
        for column in LOCATION {
            m.alter_table(
                Table::alter()
                    .table("organizations")
                    .add_column(integer_null(column))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in LOCATION {
            m.alter_table(
                Table::alter()
                    .table("organizations")
                    .drop_column(Alias::new(column))
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table("territories").to_owned())
            .await
    }
}
