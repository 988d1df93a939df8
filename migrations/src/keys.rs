//! The tenant-keyed schema rule (see `m20261206_000019_tenant_keys`): a
//! migration that creates a tenant table calls [`key_by_tenant`] after it,
//! and declares its foreign keys to other tenant tables as
//! `(tenant_id, x_id) → (tenant_id, id)`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

async fn run(m: &SchemaManager<'_>, sql: String) -> Result<(), DbErr> {
    m.get_connection()
        .execute_unprepared(&sql)
        .await
        .map(|_| ())
}

/// The foreign key `(tenant_id, column) → (tenant_id, id)` of `to`, as
/// every reference between tenant tables is declared; rows go with the row
/// they point at.
pub fn tenant_fk(from: &str, column: &str, to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{column}"))
        .from_tbl(Alias::new(from))
        .from_col("tenant_id")
        .from_col(Alias::new(column))
        .to_tbl(Alias::new(to))
        .to_col("tenant_id")
        .to_col("id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// The name of the table's primary key constraint on PostgreSQL (tables
/// renamed since keep their first name's).
async fn primary_key_name(m: &SchemaManager<'_>, table: &str) -> Result<String, DbErr> {
    let row = m
        .get_connection()
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!(
                "SELECT conname FROM pg_constraint \
                 WHERE conrelid = '\"{table}\"'::regclass AND contype = 'p'"
            ),
        ))
        .await?
        .ok_or_else(|| DbErr::Migration(format!("{table} has no primary key")))?;
    row.try_get("", "conname")
}

/// Keys a tenant table by tenant: on PostgreSQL its primary key becomes
/// `(tenant_id, id)`, with a plain index on `id` for lookups by id alone;
/// on SQLite, which keeps its rowid, it gains `UNIQUE (tenant_id, id)`.
pub async fn key_by_tenant(m: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if m.get_database_backend() != DbBackend::Postgres {
        return m
            .create_index(
                Index::create()
                    .name(format!("ux_{table}_tenant_key"))
                    .table(Alias::new(table))
                    .col("tenant_id")
                    .col("id")
                    .unique()
                    .to_owned(),
            )
            .await;
    }
    let key = primary_key_name(m, table).await?;
    run(
        m,
        format!(
            "ALTER TABLE \"{table}\" DROP CONSTRAINT \"{key}\", \
             ADD CONSTRAINT \"{table}_pkey\" PRIMARY KEY (tenant_id, id)"
        ),
    )
    .await?;
    run(
        m,
        format!("CREATE INDEX \"ix_{table}_id\" ON \"{table}\" (id)"),
    )
    .await
}

/// Undoes [`key_by_tenant`].
pub async fn unkey(m: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if m.get_database_backend() != DbBackend::Postgres {
        return m
            .drop_index(
                Index::drop()
                    .name(format!("ux_{table}_tenant_key"))
                    .table(Alias::new(table))
                    .to_owned(),
            )
            .await;
    }
    let key = primary_key_name(m, table).await?;
    run(m, format!("DROP INDEX \"ix_{table}_id\"")).await?;
    run(
        m,
        format!(
            "ALTER TABLE \"{table}\" DROP CONSTRAINT \"{key}\", \
             ADD CONSTRAINT \"{table}_pkey\" PRIMARY KEY (id)"
        ),
    )
    .await
}
