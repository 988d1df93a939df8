//! Lead distribution: the vendor's leads (entered, imported, or from
//! campaign responses) are routed to partners that can take them, each
//! routing decision written down with the candidates it weighed; a partner
//! accepts or declines within the program's window, and declined or
//! expired offers route on. Partners' lead settings (capacity per 30 days,
//! a pause) and the product families they specialise in live beside.

use super::keys::{key_by_tenant, tenant_fk, unkey};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Created in this order, dropped in the reverse.
const TABLES: [&str; 5] = [
    "lead_partners",
    "partner_families",
    "leads",
    "lead_routings",
    "lead_misses",
];

/// The program's lead settings: business hours to accept an offer, to
/// first contact the lead once accepted, and how a winner is drawn.
const TENANT_COLUMNS: [&str; 3] = ["lead_accept_hours", "lead_contact_hours", "lead_routing"];

fn tenant_owned(table: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Alias::new(table), "tenant_id")
        .to("tenants", "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    table: &str,
    name: &str,
    cols: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(Alias::new(table));
    for col in cols {
        index.col(Alias::new(*col));
    }
    if unique {
        index.unique();
    }
    m.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer("lead_accept_hours").default(24),
            integer("lead_contact_hours").default(48),
            // `types::lead::RoutingMode`.
            string_len("lead_routing", 16).default("weighted"),
        ] {
            m.alter_table(
                Table::alter()
                    .table("tenants")
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        lead_partners(m).await?;
        key_by_tenant(m, TABLES[0]).await?;
        partner_families(m).await?;
        key_by_tenant(m, TABLES[1]).await?;
        leads(m).await?;
        key_by_tenant(m, TABLES[2]).await?;
        routings(m).await?;
        key_by_tenant(m, TABLES[3]).await?;
        misses(m).await?;
        key_by_tenant(m, TABLES[4]).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            unkey(m, table).await?;
            m.drop_table(Table::drop().table(Alias::new(*table)).to_owned())
                .await?;
        }
        for column in TENANT_COLUMNS {
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

/// A partner's lead settings: how many leads it takes per 30 days (set by
/// the vendor; none: no limit) and until when it takes none (its pause).
async fn lead_partners(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("lead_partners")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("partner_id"))
            .col(integer_null("capacity_30d"))
            .col(date_null("paused_until"))
            .col(big_integer("updated_by"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut tenant_owned("lead_partners"))
            .foreign_key(&mut tenant_fk(
                "lead_partners",
                "partner_id",
                "organizations",
            ))
            .to_owned(),
    )
    .await?;
    index(
        m,
        "lead_partners",
        "ux_lead_partners_partner",
        &["tenant_id", "partner_id"],
        true,
    )
    .await
}

/// The product families a partner specialises in (a lead for a family goes
/// only to its specialists).
async fn partner_families(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("partner_families")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("partner_id"))
            .col(big_integer("product_family_id"))
            .col(big_integer("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut tenant_owned("partner_families"))
            .foreign_key(&mut tenant_fk(
                "partner_families",
                "partner_id",
                "organizations",
            ))
            .foreign_key(&mut tenant_fk(
                "partner_families",
                "product_family_id",
                "product_families",
            ))
            .to_owned(),
    )
    .await?;
    index(
        m,
        "partner_families",
        "ux_partner_families",
        &["tenant_id", "partner_id", "product_family_id"],
        true,
    )
    .await?;
    index(
        m,
        "partner_families",
        "ix_partner_families_family",
        &["tenant_id", "product_family_id"],
        false,
    )
    .await
}

async fn leads(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("leads")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(string_len("company", 160))
            .col(string_len("contact_name", 120).default(""))
            .col(string_len("contact_email", 254).default(""))
            .col(string_len("contact_phone", 40).default(""))
            .col(string_len("country", 2))
            .col(string_len("region", 80).default(""))
            .col(string_len("city", 80).default(""))
            .col(string_len("postcode", 16).default(""))
            // Millionths of a degree, when the vendor knows where it is.
            .col(integer_null("latitude_e6"))
            .col(integer_null("longitude_e6"))
            .col(big_integer_null("product_family_id"))
            .col(string_len("segment", 40).default(""))
            // `types::lead::LeadPriority`, `LeadSource`, `LeadStatus`.
            .col(string_len("priority", 16))
            .col(string_len("source", 16))
            .col(big_integer_null("campaign_id"))
            .col(text("notes").default(""))
            .col(string_len("status", 16))
            // The partner it is offered to or held by; the distributor that
            // passed it on to that reseller, if one did.
            .col(big_integer_null("partner_id"))
            .col(big_integer_null("passed_by_id"))
            // Offers declined or let expire so far (three return it to the
            // vendor's queue).
            .col(integer("misses").default(0))
            .col(timestamp_with_time_zone_null("offered_at"))
            .col(timestamp_with_time_zone_null("accept_due_at"))
            .col(timestamp_with_time_zone_null("accepted_at"))
            .col(big_integer_null("accepted_by"))
            .col(timestamp_with_time_zone_null("contact_due_at"))
            .col(timestamp_with_time_zone_null("contact_reminded_at"))
            .col(timestamp_with_time_zone_null("contacted_at"))
            // The registration it became.
            .col(big_integer_null("deal_id"))
            .col(string_len("idempotency_key", 64))
            .col(integer("version").default(1))
            .col(big_integer("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut tenant_owned("leads"))
            .foreign_key(&mut tenant_fk("leads", "partner_id", "organizations"))
            .to_owned(),
    )
    .await?;
    for (name, cols, unique) in [
        (
            "ux_leads_key",
            &["tenant_id", "created_by", "idempotency_key"][..],
            true,
        ),
        // The vendor's list by state, a partner's inbox, newest first.
        ("ix_leads_status", &["tenant_id", "status", "id"][..], false),
        (
            "ix_leads_partner",
            &["tenant_id", "partner_id", "status", "id"][..],
            false,
        ),
        // The clocks: offers running out, first contacts due.
        (
            "ix_leads_accept_due",
            &["status", "accept_due_at"][..],
            false,
        ),
        (
            "ix_leads_contact_due",
            &["status", "contact_due_at"][..],
            false,
        ),
    ] {
        index(m, "leads", name, cols, unique).await?;
    }
    Ok(())
}

/// Every routing decision: who was considered, with what score, and why
/// the winner won (or why no one did).
async fn routings(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("lead_routings")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("lead_id"))
            // `types::lead::RoutingKind`.
            .col(string_len("kind", 16))
            .col(big_integer_null("partner_id"))
            .col(text("reason"))
            // The candidates weighed, as JSON (`types::lead::Candidate`).
            .col(text("candidates"))
            .col(big_integer_null("decided_by"))
            .col(timestamp_with_time_zone("decided_at"))
            .foreign_key(&mut tenant_owned("lead_routings"))
            .foreign_key(&mut tenant_fk("lead_routings", "lead_id", "leads"))
            .to_owned(),
    )
    .await?;
    index(
        m,
        "lead_routings",
        "ix_lead_routings_lead",
        &["tenant_id", "lead_id", "id"],
        false,
    )
    .await?;
    // The fairness report: offers per partner over a period.
    index(
        m,
        "lead_routings",
        "ix_lead_routings_partner",
        &["tenant_id", "partner_id", "decided_at"],
        false,
    )
    .await
}

/// An offer a partner declined (with its reason) or let run out.
async fn misses(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("lead_misses")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("lead_id"))
            .col(big_integer("partner_id"))
            // `types::lead::DeclineReason` (`expired` when it ran out).
            .col(string_len("reason", 32))
            .col(text("note").default(""))
            .col(big_integer_null("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut tenant_owned("lead_misses"))
            .foreign_key(&mut tenant_fk("lead_misses", "lead_id", "leads"))
            .to_owned(),
    )
    .await?;
    index(
        m,
        "lead_misses",
        "ix_lead_misses_lead",
        &["tenant_id", "lead_id"],
        false,
    )
    .await?;
    index(
        m,
        "lead_misses",
        "ix_lead_misses_partner",
        &["tenant_id", "partner_id", "created_at"],
        false,
    )
    .await
}
