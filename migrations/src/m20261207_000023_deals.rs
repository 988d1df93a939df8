//! Deal registration: a partner registers a customer opportunity, the
//! vendor decides within the program's review clock, an approved
//! registration is protected for its tier's days. Conflicts with another
//! partner's live registration (or a vendor's named account) are kept with
//! their evidence until a reviewer decides them. Each registration has
//! product lines, a conversation and attachments.

use super::keys::{key_by_tenant, tenant_fk, unkey};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Created in this order, dropped in the reverse.
const TABLES: [&str; 6] = [
    "deal_named_accounts",
    "deals",
    "deal_lines",
    "deal_conflicts",
    "deal_comments",
    "deal_files",
];

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
        // Business days a registration may wait for its decision, counted
        // in the program's own time zone (its weekends, its midnight).
        m.alter_table(
            Table::alter()
                .table("tenants")
                .add_column(integer("deal_review_days").default(2))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("tenants")
                .add_column(string_len("time_zone", 64).default("UTC"))
                .to_owned(),
        )
        .await?;
        // Each table is keyed before the next one points at it.
        named_accounts(m).await?;
        key_by_tenant(m, TABLES[0]).await?;
        deals(m).await?;
        key_by_tenant(m, TABLES[1]).await?;
        lines(m).await?;
        key_by_tenant(m, TABLES[2]).await?;
        conflicts(m).await?;
        key_by_tenant(m, TABLES[3]).await?;
        comments(m).await?;
        key_by_tenant(m, TABLES[4]).await?;
        files(m).await?;
        key_by_tenant(m, TABLES[5]).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            unkey(m, table).await?;
            m.drop_table(Table::drop().table(Alias::new(*table)).to_owned())
                .await?;
        }
        for column in ["deal_review_days", "time_zone"] {
            m.alter_table(
                Table::alter()
                    .table("tenants")
                    .drop_column(Alias::new(column))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

/// Accounts the vendor sells to itself: a partner registering one is told
/// it is reserved.
async fn named_accounts(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("deal_named_accounts")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(string_len("name", 160))
            // As the conflict check compares it (`company_match`).
            .col(string_len("name_key", 160))
            .col(string_len_null("domain", 253))
            .col(string_len("country", 2))
            .col(big_integer("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut tenant_owned("deal_named_accounts"))
            .to_owned(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_deal_named_accounts_key")
            .table("deal_named_accounts")
            .col("tenant_id")
            .col("name_key")
            .to_owned(),
    )
    .await
}

async fn deals(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("deals")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            // The partner that registered it, and its distributor then (a
            // two-tier registration records both).
            .col(big_integer("partner_id"))
            .col(big_integer_null("distributor_id"))
            .col(string_len("reference", 64).default(""))
            // The customer as entered, and its normalised name and
            // registrable domain (what the conflict check compares).
            .col(string_len("customer_name", 160))
            .col(string_len("customer_key", 160))
            .col(string_len("customer_website", 253).default(""))
            .col(string_len_null("customer_domain", 253))
            .col(string_len("country", 2))
            .col(string_len("region", 80).default(""))
            .col(string_len("city", 80).default(""))
            .col(string_len("postcode", 16).default(""))
            .col(string_len("contact_name", 120))
            .col(string_len("contact_email", 254))
            .col(string_len("contact_phone", 40).default(""))
            .col(string_len("currency", 3))
            // The sum of the lines, in minor units.
            .col(big_integer("amount_minor").default(0))
            .col(date("expected_close_on"))
            // `types::deal::DealStage`, `DealOrigin`, `DealStatus`.
            .col(string_len("stage", 16))
            .col(string_len("origin", 16))
            .col(string_len("competitor", 120).default(""))
            .col(text("notes").default(""))
            // What sourced it, for MDF return per activity.
            .col(big_integer_null("campaign_id"))
            .col(big_integer_null("fund_request_id"))
            .col(string_len("status", 16))
            .col(timestamp_with_time_zone_null("submitted_at"))
            // When the decision is due (business days in the tenant's zone),
            // and when the half-time reminder and breach notice went out.
            .col(timestamp_with_time_zone_null("decision_due_at"))
            .col(timestamp_with_time_zone_null("half_time_reminded_at"))
            .col(timestamp_with_time_zone_null("breach_reported_at"))
            .col(timestamp_with_time_zone_null("decided_at"))
            .col(big_integer_null("decided_by"))
            // `types::deal::RejectReason` or `LostReason`, and the words.
            .col(string_len_null("reason_code", 32))
            .col(text_null("reason"))
            // Fields a reviewer returned for changes (comma separated).
            .col(string_len("returned_fields", 400).default(""))
            .col(date_null("protected_until"))
            .col(timestamp_with_time_zone_null("expiry_reminded_at"))
            .col(timestamp_with_time_zone_null("extension_requested_at"))
            .col(timestamp_with_time_zone_null("closed_at"))
            .col(string_len("idempotency_key", 64))
            .col(integer("version").default(1))
            .col(big_integer("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut tenant_owned("deals"))
            .foreign_key(&mut tenant_fk("deals", "partner_id", "organizations"))
            .to_owned(),
    )
    .await?;
    for (name, cols) in [
        (
            "ux_deals_key",
            &["tenant_id", "created_by", "idempotency_key"][..],
        ),
        // The list: newest first per status and per partner (keyset by id).
        ("ix_deals_status", &["tenant_id", "status", "id"][..]),
        ("ix_deals_partner", &["tenant_id", "partner_id", "id"][..]),
        (
            "ix_deals_distributor",
            &["tenant_id", "distributor_id", "id"][..],
        ),
        // The conflict check's candidates.
        ("ix_deals_customer_key", &["tenant_id", "customer_key"][..]),
        (
            "ix_deals_customer_domain",
            &["tenant_id", "customer_domain"][..],
        ),
        ("ix_deals_country", &["tenant_id", "country", "status"][..]),
    ] {
        let mut index = Index::create();
        index.name(name).table("deals");
        for col in cols {
            index.col(Alias::new(*col));
        }
        if name.starts_with("ux_") {
            index.unique();
        }
        m.create_index(index.to_owned()).await?;
    }
    Ok(())
}

async fn lines(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("deal_lines")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("deal_id"))
            .col(big_integer("product_family_id"))
            .col(integer("quantity"))
            .col(big_integer("amount_minor"))
            .foreign_key(&mut tenant_owned("deal_lines"))
            .foreign_key(&mut tenant_fk("deal_lines", "deal_id", "deals"))
            .foreign_key(&mut tenant_fk(
                "deal_lines",
                "product_family_id",
                "product_families",
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_deal_lines_deal")
            .table("deal_lines")
            .col("tenant_id")
            .col("deal_id")
            .to_owned(),
    )
    .await
}

/// A registration found to clash with another partner's live one or with a
/// named account, the evidence, and what the reviewer decided.
async fn conflicts(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("deal_conflicts")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("deal_id"))
            .col(big_integer_null("other_deal_id"))
            .col(big_integer_null("named_account_id"))
            .col(string_len_null("domain", 253))
            // Name similarity in thousandths (0.94 is 940).
            .col(integer("name_similarity_e3"))
            .col(boolean("same_place").default(false))
            // `types::deal::ConflictResolution`, once decided.
            .col(string_len_null("resolution", 16))
            .col(text_null("resolution_reason"))
            .col(big_integer_null("resolved_by"))
            .col(timestamp_with_time_zone_null("resolved_at"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut tenant_owned("deal_conflicts"))
            .foreign_key(&mut tenant_fk("deal_conflicts", "deal_id", "deals"))
            .to_owned(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_deal_conflicts_deal")
            .table("deal_conflicts")
            .col("tenant_id")
            .col("deal_id")
            .to_owned(),
    )
    .await
}

async fn comments(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("deal_comments")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("deal_id"))
            .col(big_integer("author_id"))
            // Markdown as written, and the sanitised HTML it renders to.
            .col(text("body"))
            .col(text("html"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut tenant_owned("deal_comments"))
            .foreign_key(&mut tenant_fk("deal_comments", "deal_id", "deals"))
            .to_owned(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_deal_comments_deal")
            .table("deal_comments")
            .col("tenant_id")
            .col("deal_id")
            .to_owned(),
    )
    .await
}

async fn files(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("deal_files")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("deal_id"))
            .col(string_len("name", 200))
            .col(string_len("content_type", 100))
            .col(big_integer("size"))
            .col(string_len("storage_key", 300))
            .col(big_integer("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut tenant_owned("deal_files"))
            .foreign_key(&mut tenant_fk("deal_files", "deal_id", "deals"))
            .to_owned(),
    )
    .await?;
    m.create_index(
        Index::create()
            .name("ix_deal_files_deal")
            .table("deal_files")
            .col("tenant_id")
            .col("deal_id")
            .to_owned(),
    )
    .await
}
