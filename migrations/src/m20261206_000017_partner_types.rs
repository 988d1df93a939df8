//! Partner types as data, like tiers: each program names its own (in two
//! languages) and marks those that distribute (have resellers under them).
//! A partner or an audience keeps the type's fixed code. Every existing
//! program gets the six types it had as fixed values.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, name, its German version, position, distributes)
type Starting = (&'static str, &'static str, &'static str, i32, bool);
const DEFAULTS: [Starting; 6] = [
    ("reseller", "Reseller", "Wiederverkäufer", 1, false),
    (
        "var",
        "Value-added reseller",
        "Value-Added Reseller",
        2,
        false,
    ),
    (
        "msp",
        "Managed service provider",
        "Managed Service Provider",
        3,
        false,
    ),
    (
        "system_integrator",
        "System integrator",
        "Systemintegrator",
        4,
        false,
    ),
    ("distributor", "Distributor", "", 5, true),
    ("isv", "ISV", "", 6, false),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("partner_types")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string_len("code", 32))
                .col(string_len("name", 60))
                .col(string_len("language", 8).default("en"))
                .col(text("translations").default(""))
                .col(integer("position"))
                .col(boolean("distributes").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("partner_types", "tenant_id")
                        .to("tenants", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_partner_types_code")
                .table("partner_types")
                .col("tenant_id")
                .col("code")
                .unique()
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for (code, name, german, position, distributes) in DEFAULTS {
            // `types::localized::Translations` as stored.
            let versions = if german.is_empty() {
                String::new()
            } else {
                format!(r#"{{"de":{{"name":"{german}"}}}}"#)
            };
            db.execute_unprepared(&format!(
                "INSERT INTO partner_types (tenant_id, code, name, language, translations, \
                 position, distributes, created_at) SELECT id, '{code}', '{name}', 'en', \
                 '{versions}', {position}, {distributes}, CURRENT_TIMESTAMP FROM tenants"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("partner_types").to_owned())
            .await
    }
}
