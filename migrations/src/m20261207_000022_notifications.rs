//! One notification model for the whole portal: `notifications` holds what
//! any module tells a user (its kind, the details its sentence is made of,
//! the page it links to, read or not, how it was delivered), and
//! `notification_prefs` how each user wants to hear of each kind (bell,
//! mail now, daily digest, off). The forum's own table and its one e-mail
//! setting move onto them.

use super::keys::{key_by_tenant, tenant_fk};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_notifications(m).await?;
        create_prefs(m).await?;
        move_forum_notifications(m).await?;
        move_forum_email(m).await?;
        m.drop_table(Table::drop().table("forum_notifications").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("users")
                .drop_column("forum_email")
                .to_owned(),
        )
        .await
    }

    /// Back to the forum's table and setting; the notifications themselves
    /// are not carried back (they name who acted only in their sentence).
    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("users")
                .add_column(string("forum_email").default("mentions"))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "UPDATE users SET forum_email = 'all' WHERE EXISTS (SELECT 1 FROM notification_prefs p \
             WHERE p.tenant_id = users.tenant_id AND p.user_id = users.id \
             AND p.kind = 'forum_reply' AND p.delivery = 'mail')",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE users SET forum_email = 'none' WHERE EXISTS (SELECT 1 FROM notification_prefs p \
             WHERE p.tenant_id = users.tenant_id AND p.user_id = users.id \
             AND p.kind = 'forum_mention' AND p.delivery IN ('bell', 'off'))",
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_notifications")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("user_id"))
                .col(string("kind"))
                .col(big_integer("topic_id"))
                .col(big_integer("post_id"))
                .col(big_integer("actor_id"))
                .col(timestamp_with_time_zone_null("read_at"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        key_by_tenant(m, "forum_notifications").await?;
        m.create_index(
            Index::create()
                .name("ix_forum_notifications_user")
                .table("forum_notifications")
                .col("tenant_id")
                .col("user_id")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("notification_prefs").to_owned())
            .await?;
        m.drop_table(Table::drop().table("notifications").to_owned())
            .await
    }
}

async fn create_notifications(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("notifications")
            .col(big_pk_auto("id"))
            .col(big_integer("tenant_id"))
            .col(big_integer("user_id"))
            // The kind's code, e.g. "forum_mention", "funds_decided".
            .col(string_len("kind", 40))
            // The record it is about (a topic, a fund request, a campaign),
            // so its module can hide it when the reader lost sight of it.
            .col(big_integer_null("subject_id"))
            // The details the sentence is made of, as JSON.
            .col(text("details"))
            // The portal path it opens, e.g. "/forum/topics/5#post-9".
            .col(string_len("link", 400))
            // How it was delivered: "bell", "mail" or "digest".
            .col(string_len("delivery", 16))
            .col(timestamp_with_time_zone_null("read_at"))
            // When a daily digest took it along.
            .col(timestamp_with_time_zone_null("digested_at"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut tenant_fk("notifications", "user_id", "users"))
            .to_owned(),
    )
    .await?;
    key_by_tenant(m, "notifications").await?;
    // A user's list, newest first, and their unread count.
    m.create_index(
        Index::create()
            .name("ix_notifications_user")
            .table("notifications")
            .col("tenant_id")
            .col("user_id")
            .col("id")
            .to_owned(),
    )
    .await?;
    // The digest pass: what waits to go out, per program.
    m.create_index(
        Index::create()
            .name("ix_notifications_digest")
            .table("notifications")
            .col("tenant_id")
            .col("delivery")
            .col("digested_at")
            .to_owned(),
    )
    .await
}

async fn create_prefs(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("notification_prefs")
            .col(big_integer("tenant_id"))
            .col(big_integer("user_id"))
            .col(string_len("kind", 40))
            // "bell", "mail", "digest" or "off"; no row: the kind's default.
            .col(string_len("delivery", 16))
            .primary_key(Index::create().col("tenant_id").col("user_id").col("kind"))
            .foreign_key(&mut tenant_fk("notification_prefs", "user_id", "users"))
            .to_owned(),
    )
    .await
}

/// The forum's notifications with their sentence's details (who, which
/// topic) taken from the rows they pointed at.
async fn move_forum_notifications(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let details = match m.get_database_backend() {
        DbBackend::Postgres => {
            "json_build_object('t', 'forum', 'who', COALESCE(u.name, ''), 'topic', t.title)::text"
        }
        _ => "json_object('t', 'forum', 'who', COALESCE(u.name, ''), 'topic', t.title)",
    };
    let sql = format!(
        "INSERT INTO notifications \
           (tenant_id, user_id, kind, subject_id, details, link, delivery, read_at, created_at) \
         SELECT n.tenant_id, n.user_id, 'forum_' || n.kind, n.topic_id, {details}, \
           '/forum/topics/' || CAST(n.topic_id AS TEXT) || '#post-' || CAST(n.post_id AS TEXT), \
           'bell', n.read_at, n.created_at \
         FROM forum_notifications n \
         JOIN forum_topics t ON t.tenant_id = n.tenant_id AND t.id = n.topic_id \
         LEFT JOIN users u ON u.tenant_id = n.tenant_id AND u.id = n.actor_id \
         ORDER BY n.id"
    );
    m.get_connection().execute_unprepared(&sql).await?;
    Ok(())
}

/// The forum e-mail setting as preferences: "all" mailed replies too,
/// "none" mailed nothing; "mentions" is the default and needs no rows.
async fn move_forum_email(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    db.execute_unprepared(
        "INSERT INTO notification_prefs (tenant_id, user_id, kind, delivery) \
         SELECT tenant_id, id, 'forum_reply', 'mail' FROM users WHERE forum_email = 'all'",
    )
    .await?;
    db.execute_unprepared(
        "INSERT INTO notification_prefs (tenant_id, user_id, kind, delivery) \
         SELECT tenant_id, id, 'forum_mention', 'bell' FROM users WHERE forum_email = 'none'",
    )
    .await?;
    Ok(())
}
