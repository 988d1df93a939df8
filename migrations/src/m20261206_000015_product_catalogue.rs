//! The program's product catalogue: families and products (SKU, name,
//! unit, active). Deals, leads, partner specialisations, content audiences
//! and price lists reference a product by id, never by its name. Names and
//! descriptions are published text (`language`, `translations`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("product_families")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string_len("name", 80))
                .col(string_len("language", 8).default("en"))
                .col(text("translations").default(""))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("product_families", "tenant_id")
                        .to("tenants", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_product_families_name")
                .table("product_families")
                .col("tenant_id")
                .col("name")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("products")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("family_id"))
                // In capitals: "ab-100" and "AB-100" are one product.
                .col(string_len("sku", 40))
                .col(string_len("name", 120))
                .col(text("description").default(""))
                // `types::product::ProductUnit`.
                .col(string_len("unit", 16))
                .col(boolean("active").default(true))
                .col(string_len("language", 8).default("en"))
                .col(text("translations").default(""))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("products", "tenant_id")
                        .to("tenants", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                // A family with products stays: deals will point at them.
                .foreign_key(
                    ForeignKey::create()
                        .from("products", "family_id")
                        .to("product_families", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_products_sku")
                .table("products")
                .col("tenant_id")
                .col("sku")
                .unique()
                .to_owned(),
        )
        .await?;
        // The catalogue is listed by name, a page at a time.
        m.create_index(
            Index::create()
                .name("ix_products_name")
                .table("products")
                .col("tenant_id")
                .col("name")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_products_family")
                .table("products")
                .col("tenant_id")
                .col("family_id")
                .col("name")
                .to_owned(),
        )
        .await?;
        // Covers what every catalogue page counts (the matches, each
        // family's size) without reading the rows: a partner's count over
        // 4,500 products took 1.7 ms from the table, 0.25 ms from this.
        m.create_index(
            Index::create()
                .name("ix_products_active_family")
                .table("products")
                .col("tenant_id")
                .col("active")
                .col("family_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("products").to_owned())
            .await?;
        m.drop_table(Table::drop().table("product_families").to_owned())
            .await
    }
}
