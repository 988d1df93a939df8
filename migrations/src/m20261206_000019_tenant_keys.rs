//! Keys ready to distribute by tenant. A sharded PostgreSQL (Citus) places
//! each tenant's rows together only if every primary key, unique constraint
//! and foreign key between tenant tables includes `tenant_id`. On
//! PostgreSQL each tenant table's primary key becomes `(tenant_id, id)`
//! (with a plain index on `id`, so lookups by id alone stay index seeks on
//! one node) and its foreign keys to other tenant tables become
//! `(tenant_id, x_id) → (tenant_id, id)`. SQLite keeps its rowid key and
//! gains `UNIQUE (tenant_id, id)`, so new tables can declare the same
//! composite foreign keys on both. Unique indexes that did not name the
//! tenant now lead with it. `server/tests/schema.rs` fails on a tenant
//! table that breaks the rule; new tables call [`crate::keys::key_by_tenant`].

use crate::keys;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every tenant table with an `id` when this ran. `forum_pictures` and
/// `forum_post_pictures` were keyed by tenant from the start. `jobs` is not
/// one: its rows for the whole installation have no tenant, and the queue
/// is claimed across tenants (on Citus it stays on the coordinator).
const TENANT_TABLES: [&str; 39] = [
    "audit_events",
    "campaign_messages",
    "campaign_participants",
    "campaign_sends",
    "campaigns",
    "cobrand_design_revisions",
    "cobrand_designs",
    "cobrand_exports",
    "cobrand_template_versions",
    "cobrand_templates",
    "contacts",
    "forum_categories",
    "forum_flags",
    "forum_likes",
    "forum_notifications",
    "forum_post_revisions",
    "forum_posts",
    "forum_reads",
    "forum_suspensions",
    "forum_topics",
    "forum_watches",
    "fund_allocations",
    "fund_budgets",
    "fund_claim_files",
    "fund_claims",
    "fund_ledger",
    "fund_requests",
    "fund_revenue",
    "invitations",
    "organizations",
    "partner_types",
    "password_resets",
    "product_families",
    "products",
    "recurring_runs",
    "sessions",
    "territories",
    "tiers",
    "users",
];

/// Unique indexes without the tenant: (name, table, columns after it).
const UNIQUES: [(&str, &str, &[&str]); 5] = [
    (
        "ux_campaign_messages_contact",
        "campaign_messages",
        &["send_id", "contact_id"],
    ),
    ("ux_forum_flags", "forum_flags", &["post_id", "user_id"]),
    ("ux_forum_likes", "forum_likes", &["post_id", "user_id"]),
    ("ux_forum_reads", "forum_reads", &["user_id", "topic_id"]),
    (
        "ux_forum_watches",
        "forum_watches",
        &["user_id", "target_kind", "target_id"],
    ),
];

/// Column UNIQUE constraints on sign-in tokens: (constraint, table,
/// column). SQLite keeps its own (it drops one only by rebuilding the
/// table); every lookup names the tenant anyway.
const TOKENS: [(&str, &str, &str); 2] = [
    ("invitations_token_hash_key", "invitations", "token_hash"),
    (
        "password_resets_token_hash_key",
        "password_resets",
        "token_hash",
    ),
];

/// A foreign key between two tenant tables, as found in the catalogue.
struct Fk {
    table: String,
    name: String,
    column: String,
    parent: String,
    /// `pg_constraint.confdeltype`: c cascade, n set null, r restrict,
    /// a no action, d set default.
    on_delete: String,
}

impl Fk {
    fn drop_sql(&self) -> String {
        format!(
            "ALTER TABLE \"{}\" DROP CONSTRAINT \"{}\"",
            self.table, self.name
        )
    }

    /// The key again: `(tenant_id, column)` when `composite`, else `column`.
    fn add_sql(&self, composite: bool) -> String {
        let (from, to) = if composite {
            (format!("tenant_id, \"{}\"", self.column), "tenant_id, id")
        } else {
            (format!("\"{}\"", self.column), "id")
        };
        format!(
            "ALTER TABLE \"{}\" ADD CONSTRAINT \"{}\" FOREIGN KEY ({from}) \
             REFERENCES \"{}\" ({to}) ON DELETE {}",
            self.table,
            self.name,
            self.parent,
            self.on_delete(composite)
        )
    }

    fn on_delete(&self, composite: bool) -> String {
        match self.on_delete.as_str() {
            "c" => "CASCADE".into(),
            // Only the reference is cleared, never the row's tenant.
            "n" if composite => format!("SET NULL (\"{}\")", self.column),
            "n" => "SET NULL".into(),
            "r" => "RESTRICT".into(),
            "d" => "SET DEFAULT".into(),
            _ => "NO ACTION".into(),
        }
    }
}

/// Foreign keys from one tenant table to another, with `columns` columns
/// (1 before this migration, 2 after it).
async fn tenant_fks(m: &SchemaManager<'_>, columns: i32) -> Result<Vec<Fk>, DbErr> {
    let tables = TENANT_TABLES
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT child.relname AS tbl, c.conname AS name, a.attname AS col, \
                parent.relname AS parent, c.confdeltype::text AS on_delete \
         FROM pg_constraint c \
         JOIN pg_class child ON child.oid = c.conrelid \
         JOIN pg_class parent ON parent.oid = c.confrelid \
         JOIN pg_namespace n ON n.oid = child.relnamespace \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[{columns}] \
         WHERE c.contype = 'f' AND n.nspname = current_schema() \
           AND array_length(c.conkey, 1) = {columns} \
           AND child.relname IN ({tables}) AND parent.relname IN ({tables})"
    );
    let rows = m
        .get_connection()
        .query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Fk {
                table: r.try_get("", "tbl")?,
                name: r.try_get("", "name")?,
                column: r.try_get("", "col")?,
                parent: r.try_get("", "parent")?,
                on_delete: r.try_get("", "on_delete")?,
            })
        })
        .collect()
}

async fn run(m: &SchemaManager<'_>, sql: String) -> Result<(), DbErr> {
    m.get_connection()
        .execute_unprepared(&sql)
        .await
        .map(|_| ())
}

async fn unique_indexes(m: &SchemaManager<'_>, with_tenant: bool) -> Result<(), DbErr> {
    for (name, table, columns) in UNIQUES {
        run(m, format!("DROP INDEX \"{name}\"")).await?;
        let mut index = Index::create().name(name).table(table).unique().to_owned();
        if with_tenant {
            index.col("tenant_id");
        }
        for column in columns {
            index.col(*column);
        }
        m.create_index(index).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on every backend: on SQLite the statements would
    /// otherwise go to different pooled connections, one of which still saw
    /// an index the migration had just dropped.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        unique_indexes(m, true).await?;
        if m.get_database_backend() != DbBackend::Postgres {
            for table in TENANT_TABLES {
                keys::key_by_tenant(m, table).await?;
            }
            return Ok(());
        }
        // Foreign keys hang on the primary keys: off first, back composite.
        let fks = tenant_fks(m, 1).await?;
        for fk in &fks {
            run(m, fk.drop_sql()).await?;
        }
        for table in TENANT_TABLES {
            keys::key_by_tenant(m, table).await?;
        }
        for (constraint, table, column) in TOKENS {
            run(
                m,
                format!("ALTER TABLE \"{table}\" DROP CONSTRAINT \"{constraint}\""),
            )
            .await?;
            run(
                m,
                format!(
                    "CREATE UNIQUE INDEX \"{constraint}\" ON \"{table}\" (tenant_id, \"{column}\")"
                ),
            )
            .await?;
        }
        for fk in &fks {
            run(m, fk.add_sql(true)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        unique_indexes(m, false).await?;
        if m.get_database_backend() != DbBackend::Postgres {
            for table in TENANT_TABLES {
                keys::unkey(m, table).await?;
            }
            return Ok(());
        }
        let fks = tenant_fks(m, 2).await?;
        for fk in &fks {
            run(m, fk.drop_sql()).await?;
        }
        for (constraint, table, column) in TOKENS {
            run(m, format!("DROP INDEX \"{constraint}\"")).await?;
            run(
                m,
                format!(
                    "ALTER TABLE \"{table}\" ADD CONSTRAINT \"{constraint}\" UNIQUE (\"{column}\")"
                ),
            )
            .await?;
        }
        for table in TENANT_TABLES {
            keys::unkey(m, table).await?;
        }
        for fk in &fks {
            run(m, fk.add_sql(false)).await?;
        }
        Ok(())
    }
}
