//! Community forum: categories with audiences, topics, posts with their edit
//! history, likes, flags, notifications, read markers, watches, suspensions,
//! user handles for @mentions, and full-text search (FTS5 on SQLite, a
//! generated tsvector with a GIN index on PostgreSQL).

use sea_orm_migration::sea_orm::DatabaseBackend;
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
    "forum_suspensions",
    "forum_watches",
    "forum_reads",
    "forum_notifications",
    "forum_flags",
    "forum_likes",
    "forum_post_revisions",
    "forum_posts",
    "forum_topics",
    "forum_categories",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Handles are unique per tenant; existing users get a neutral one
        // that they keep until renamed (new users get one from their name).
        m.alter_table(
            Table::alter()
                .table("users")
                .add_column(string("handle").default(""))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("users")
                .add_column(string("forum_email").default("mentions"))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared("UPDATE users SET handle = 'user' || id WHERE handle = ''")
            .await?;
        m.create_index(
            index("ux_users_handle", "users", &["tenant_id", "handle"])
                .unique()
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("tenants")
                .add_column(boolean("forum_approve_first_posts").default(false))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("forum_categories")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string("name"))
                .col(text("description"))
                // "partners" (narrowed by the audience lists) or "staff".
                .col(string("visibility"))
                .col(string("audience_tiers").default(""))
                .col(string("audience_types").default(""))
                .col(integer("position").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_forum_categories_tenant",
            "forum_categories",
            &["tenant_id", "position"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("forum_topics")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("category_id"))
                .col(big_integer("author_id"))
                .col(string("title"))
                // ",tag1,tag2," so one LIKE finds a tag on either database.
                .col(string("tags").default(""))
                // "published", "pending" (first post awaits approval), "deleted".
                .col(string("status"))
                .col(boolean("pinned").default(false))
                .col(boolean("locked").default(false))
                .col(big_integer_null("accepted_post_id"))
                // Id of the newest visible post: orders the list by activity
                // and serves as its keyset cursor.
                .col(big_integer("last_post_id").default(0))
                .col(timestamp_with_time_zone("last_post_at"))
                .col(integer("reply_count").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_forum_topics_activity",
            "forum_topics",
            &["tenant_id", "last_post_id"],
        ))
        .await?;
        // Pinned topics, and the unpinned list, without scanning the rest.
        m.create_index(index(
            "ix_forum_topics_pinned_activity",
            "forum_topics",
            &["tenant_id", "pinned", "last_post_id"],
        ))
        .await?;
        m.create_index(index(
            "ix_forum_topics_category_activity",
            "forum_topics",
            &["tenant_id", "category_id", "last_post_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("forum_posts")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("topic_id"))
                .col(big_integer("author_id"))
                .col(boolean("is_first").default(false))
                .col(text("body_md"))
                .col(text("body_html"))
                // What search sees: the topic title on first posts, the
                // body as plain text.
                .col(text("search_title"))
                .col(text("search_body"))
                // "published", "pending", "hidden", "deleted".
                .col(string("status"))
                .col(integer("like_count").default(0))
                .col(integer("edit_count").default(0))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone_null("edited_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("forum_posts", "topic_id")
                        .to("forum_topics", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_forum_posts_topic",
            "forum_posts",
            &["tenant_id", "topic_id", "id"],
        ))
        .await?;
        m.create_index(index(
            "ix_forum_posts_author",
            "forum_posts",
            &["tenant_id", "author_id", "id"],
        ))
        .await?;
        m.create_index(index(
            "ix_forum_posts_status",
            "forum_posts",
            &["tenant_id", "status", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("forum_post_revisions")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("post_id"))
                // The text as it was before the edit.
                .col(text("body_md"))
                .col(string_null("title"))
                .col(big_integer("editor_id"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_forum_post_revisions_post",
            "forum_post_revisions",
            &["tenant_id", "post_id", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("forum_likes")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("post_id"))
                .col(big_integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index("ux_forum_likes", "forum_likes", &["post_id", "user_id"])
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("forum_flags")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("post_id"))
                .col(big_integer("user_id"))
                .col(string("reason"))
                .col(text("note"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .col(big_integer_null("resolved_by"))
                .col(string_null("outcome"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index("ux_forum_flags", "forum_flags", &["post_id", "user_id"])
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_forum_flags_open",
            "forum_flags",
            &["tenant_id", "resolved_at", "id"],
        ))
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
        m.create_index(index(
            "ix_forum_notifications_user",
            "forum_notifications",
            &["tenant_id", "user_id", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("forum_reads")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("user_id"))
                .col(big_integer("topic_id"))
                .col(big_integer("last_read_post_id"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index("ux_forum_reads", "forum_reads", &["user_id", "topic_id"])
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("forum_watches")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("user_id"))
                // "topic" or "category".
                .col(string("target_kind"))
                .col(big_integer("target_id"))
                // "watch" or "mute".
                .col(string("level"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_forum_watches",
                "forum_watches",
                &["user_id", "target_kind", "target_id"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_forum_watches_target",
            "forum_watches",
            &["tenant_id", "target_kind", "target_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("forum_suspensions")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("user_id"))
                .col(timestamp_with_time_zone("until"))
                .col(text("reason"))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_forum_suspensions_user",
            "forum_suspensions",
            &["tenant_id", "user_id", "until"],
        ))
        .await?;

        let db = m.get_connection();
        match m.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE forum_posts ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (\
                     setweight(to_tsvector('english', search_title), 'A') || \
                     setweight(to_tsvector('english', search_body), 'B')) STORED",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX ix_forum_posts_search ON forum_posts USING GIN (search_tsv)",
                )
                .await?;
            }
            _ => {
                // FTS5 keeps its own copy, fed by triggers, keyed by post id.
                for sql in [
                    "CREATE VIRTUAL TABLE forum_search USING fts5(title, body, tokenize = 'porter unicode61')",
                    "CREATE TRIGGER forum_search_ai AFTER INSERT ON forum_posts BEGIN \
                     INSERT INTO forum_search(rowid, title, body) VALUES (new.id, new.search_title, new.search_body); END",
                    "CREATE TRIGGER forum_search_au AFTER UPDATE OF search_title, search_body ON forum_posts BEGIN \
                     DELETE FROM forum_search WHERE rowid = old.id; \
                     INSERT INTO forum_search(rowid, title, body) VALUES (new.id, new.search_title, new.search_body); END",
                    "CREATE TRIGGER forum_search_ad AFTER DELETE ON forum_posts BEGIN \
                     DELETE FROM forum_search WHERE rowid = old.id; END",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Sqlite {
            m.get_connection()
                .execute_unprepared("DROP TABLE IF EXISTS forum_search")
                .await?;
        }
        for table in TABLES {
            m.drop_table(Table::drop().table(Alias::new(*table)).to_owned())
                .await?;
        }
        m.drop_index(
            Index::drop()
                .name("ux_users_handle")
                .table("users")
                .to_owned(),
        )
        .await?;
        for (table, column) in [
            ("users", "handle"),
            ("users", "forum_email"),
            ("tenants", "forum_approve_first_posts"),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .drop_column(Alias::new(column))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
