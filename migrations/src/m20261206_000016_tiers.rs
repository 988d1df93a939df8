//! Tiers as data: each program's tiers with their rank and benefits (deal
//! protection days, lead weight, MDF accrual, discount), which the partner
//! program extends with requirements. A partner, an audience or a tier pool
//! keeps the tier's code, unique in its program and never changed, so
//! links such as `/partners?tier=gold` and stored audiences stay valid when
//! a vendor renames a tier. Every existing program gets the four tiers it
//! had as fixed values.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, name, its German version, rank, protection days, lead weight %,
/// accrual bp, discount bp)
type Starting = (
    &'static str,
    &'static str,
    &'static str,
    i32,
    i32,
    i32,
    i32,
    i32,
);
const DEFAULTS: [Starting; 4] = [
    ("platinum", "Platinum", "Platin", 1, 120, 150, 300, 2500),
    ("gold", "Gold", "", 2, 90, 125, 200, 2000),
    ("silver", "Silver", "Silber", 3, 90, 100, 100, 1500),
    (
        "registered",
        "Registered",
        "Registriert",
        4,
        60,
        50,
        0,
        1000,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("tiers")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string_len("code", 32))
                .col(string_len("name", 60))
                .col(string_len("language", 8).default("en"))
                .col(text("translations").default(""))
                // 1 is the highest.
                .col(integer("rank"))
                // How long an approved deal registration is protected.
                .col(integer("deal_protection_days").default(90))
                // Share of distributed leads, in percent of a normal share.
                .col(integer("lead_weight").default(100))
                // Co-op accrual on partner revenue, in basis points.
                .col(integer("mdf_accrual_bp").default(0))
                // Discount off list price, in basis points.
                .col(integer("discount_bp").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("tiers", "tenant_id")
                        .to("tenants", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_tiers_code")
                .table("tiers")
                .col("tenant_id")
                .col("code")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_tiers_rank")
                .table("tiers")
                .col("tenant_id")
                .col("rank")
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for (code, name, german, rank, days, weight, accrual, discount) in DEFAULTS {
            // `types::localized::Translations` as stored.
            let versions = if german.is_empty() {
                String::new()
            } else {
                format!(r#"{{"de":{{"name":"{german}"}}}}"#)
            };
            db.execute_unprepared(&format!(
                "INSERT INTO tiers (tenant_id, code, name, language, translations, rank, \
                 deal_protection_days, lead_weight, mdf_accrual_bp, discount_bp, created_at) \
                 SELECT id, '{code}', '{name}', 'en', '{versions}', {rank}, {days}, {weight}, \
                 {accrual}, {discount}, CURRENT_TIMESTAMP FROM tenants"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("tiers").to_owned()).await
    }
}
