//! Through-channel campaigns and the durable job queue that sends them:
//! campaigns with audiences and assets, partner opt-ins, partners' own
//! contacts (with consent and unsubscribe), sends and their messages with
//! tracking, and the link from a fund request to the campaign it pays for.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(Alias::new(table));
    for col in cols {
        index.col(Alias::new(*col));
    }
    index.to_owned()
}

const TABLES: &[&str] = &[
    "campaign_messages",
    "campaign_sends",
    "contacts",
    "campaign_participants",
    "campaigns",
    "jobs",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("jobs")
                .col(big_pk_auto("id"))
                .col(big_integer_null("tenant_id"))
                // "mail" (one transactional e-mail) or "campaign_message".
                .col(string("kind"))
                .col(text("payload"))
                // "queued", "running", "done" or "failed" (attempts used up).
                .col(string("status"))
                .col(timestamp_with_time_zone("run_at"))
                .col(integer("attempts").default(0))
                .col(integer("max_attempts").default(5))
                // A running job whose lease ran out (its worker died) is
                // taken again by the next worker.
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(text("last_error").default(""))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("finished_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_jobs_due", "jobs", &["status", "run_at"]))
            .await?;

        m.create_table(
            Table::create()
                .table("campaigns")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string("name"))
                .col(text("goal"))
                .col(text("description"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(string("audience_tiers").default(""))
                .col(string("audience_types").default(""))
                .col(string("audience_regions").default(""))
                .col(big_integer_null("email_template_id"))
                .col(string("email_subject").default(""))
                // Comma-separated co-branding template ids (flyers, banners).
                .col(string("asset_template_ids").default(""))
                .col(big_integer_null("social_template_id"))
                .col(text("social_copy"))
                // One suggested step per line, e.g. "Week 1: send the invite".
                .col(text("schedule"))
                // "draft", "published", "paused" or "ended".
                .col(string("status"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(integer("version").default(1))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_campaigns_tenant",
            "campaigns",
            &["tenant_id", "status", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("campaign_participants")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("campaign_id"))
                .col(big_integer("org_id"))
                .col(big_integer_null("email_design_id"))
                .col(big_integer_null("social_design_id"))
                .col(big_integer("joined_by"))
                .col(timestamp_with_time_zone("joined_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_campaign_participants",
                "campaign_participants",
                &["tenant_id", "campaign_id", "org_id"],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("contacts")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("org_id"))
                // Lower-cased, so one address is one contact.
                .col(string("email"))
                .col(string("name").default(""))
                .col(string("company").default(""))
                // Where the consent came from ("CSV import 2026-11-29: yes").
                .col(string("consent_source"))
                .col(timestamp_with_time_zone("consented_at"))
                .col(timestamp_with_time_zone_null("unsubscribed_at"))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_contacts_email",
                "contacts",
                &["tenant_id", "org_id", "email"],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("campaign_sends")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("campaign_id"))
                .col(big_integer("org_id"))
                .col(string("subject"))
                // The co-branded e-mail as rendered when the send was made;
                // each message adds its own tracking links and footer.
                .col(text("html"))
                // JSON list of the e-mail's link targets, by number.
                .col(text("links"))
                .col(timestamp_with_time_zone("scheduled_at"))
                // "scheduled" or "cancelled"; progress is in the messages.
                .col(string("status"))
                .col(integer("recipients").default(0))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_campaign_sends_org",
            "campaign_sends",
            &["tenant_id", "campaign_id", "org_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("campaign_messages")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("send_id"))
                .col(big_integer("campaign_id"))
                .col(big_integer("org_id"))
                .col(big_integer("contact_id"))
                .col(string("email"))
                // "queued", "delivered" (accepted by SMTP or the outbox),
                // "failed", "suppressed" (unsubscribed before sending) or
                // "cancelled".
                .col(string("status"))
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone_null("sent_at"))
                .col(timestamp_with_time_zone_null("opened_at"))
                .col(integer("open_count").default(0))
                .col(timestamp_with_time_zone_null("clicked_at"))
                .col(integer("click_count").default(0))
                .col(timestamp_with_time_zone_null("unsubscribed_at"))
                .col(text("last_error").default(""))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_campaign_messages_contact",
                "campaign_messages",
                &["send_id", "contact_id"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_campaign_messages_campaign",
            "campaign_messages",
            &["tenant_id", "campaign_id", "org_id"],
        ))
        .await?;
        // The per-tenant rate limit counts recent deliveries.
        m.create_index(index(
            "ix_campaign_messages_sent",
            "campaign_messages",
            &["tenant_id", "sent_at"],
        ))
        .await?;

        m.alter_table(
            Table::alter()
                .table("mdf_requests")
                .add_column(big_integer_null("campaign_id"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("mdf_requests")
                .drop_column(Alias::new("campaign_id"))
                .to_owned(),
        )
        .await?;
        for table in TABLES {
            m.drop_table(Table::drop().table(Alias::new(*table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
