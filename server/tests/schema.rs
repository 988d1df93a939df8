//! The tenant-keyed schema rule, read from the database the migrations
//! built: on PostgreSQL every tenant table's primary key, unique indexes
//! and foreign keys to other tenant tables include `tenant_id` (so the
//! schema can be distributed by tenant on Citus without redesign); on
//! SQLite every tenant table has `UNIQUE (tenant_id, id)` for composite
//! foreign keys to point at. A new table that breaks the rule fails here.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Tables with a `tenant_id` that are not keyed by it, and why.
const EXEMPT: [&str; 1] = [
    // The job queue: installation-wide jobs have no tenant, and workers
    // claim across tenants.
    "jobs",
];

/// `(table, what breaks the rule)` rows returned by a catalogue query.
async fn offenders(app: &TestApp, sql: &str) -> Vec<String> {
    let db = &app.state.db;
    let backend = db.get_database_backend();
    db.query_all_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .unwrap()
        .iter()
        .map(|r| {
            let table: String = r.try_get("", "tbl").unwrap();
            let what: String = r.try_get("", "what").unwrap();
            format!("{table}: {what}")
        })
        .filter(|o| !EXEMPT.iter().any(|e| o.starts_with(&format!("{e}:"))))
        .collect()
}

/// Tenant tables of the test's schema, as a SQL condition on `rel`.
const TENANT_TABLE: &str = "rel.relkind = 'r' AND rel.relnamespace = to_regnamespace(current_schema()) \
    AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = rel.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped)";

async fn postgres_offenders(app: &TestApp) -> Vec<String> {
    // Primary keys and unique indexes without tenant_id.
    let keys = format!(
        "SELECT rel.relname AS tbl, \
                CASE WHEN i.indisprimary THEN 'primary key ' ELSE 'unique index ' END || idx.relname AS what \
         FROM pg_class rel JOIN pg_index i ON i.indrelid = rel.oid JOIN pg_class idx ON idx.oid = i.indexrelid \
         WHERE {TENANT_TABLE} AND i.indisunique \
           AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = rel.oid \
                           AND a.attname = 'tenant_id' AND a.attnum = ANY(i.indkey))"
    );
    // Tenant tables without a primary key at all.
    let keyless = format!(
        "SELECT rel.relname AS tbl, 'no primary key' AS what FROM pg_class rel \
         WHERE {TENANT_TABLE} AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = rel.oid AND i.indisprimary)"
    );
    // Foreign keys to another tenant table that leave the tenant out.
    let fks = format!(
        "SELECT rel.relname AS tbl, 'foreign key ' || c.conname AS what \
         FROM pg_class rel JOIN pg_constraint c ON c.conrelid = rel.oid AND c.contype = 'f' \
         JOIN pg_class parent ON parent.oid = c.confrelid \
         WHERE {TENANT_TABLE} \
           AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = parent.oid AND t.attname = 'tenant_id') \
           AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = rel.oid \
                           AND a.attname = 'tenant_id' AND a.attnum = ANY(c.conkey))"
    );
    let mut broken = Vec::new();
    for sql in [keys, keyless, fks] {
        broken.extend(offenders(app, &sql).await);
    }
    broken
}

async fn sqlite_offenders(app: &TestApp) -> Vec<String> {
    // Every table with a tenant_id and an id has a unique index over
    // exactly (tenant_id, id); tables without an id are keyed by their
    // primary key, which names the tenant.
    let sql = "SELECT m.name AS tbl, 'no UNIQUE (tenant_id, id)' AS what FROM sqlite_master m \
         WHERE m.type = 'table' \
           AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'tenant_id') \
           AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'id') \
           AND NOT EXISTS ( \
             SELECT 1 FROM pragma_index_list(m.name) il WHERE il.\"unique\" = 1 \
               AND (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) \
                   = 'tenant_id,id')";
    offenders(app, sql).await
}

async fn broken_tables(app: &TestApp) -> Vec<String> {
    match app.state.db.get_database_backend() {
        DbBackend::Postgres => postgres_offenders(app).await,
        _ => sqlite_offenders(app).await,
    }
}

async fn tenant_tables_are_keyed_by_tenant(app: &TestApp) {
    let backend = app.state.db.get_database_backend();
    let broken = broken_tables(app).await;
    assert!(
        broken.is_empty(),
        "tenant tables keyed without the tenant: {broken:#?}"
    );
    // A table keyed the old way is caught.
    let db = &app.state.db;
    db.execute_unprepared(
        "CREATE TABLE rule_probe (id BIGINT PRIMARY KEY, tenant_id BIGINT NOT NULL)",
    )
    .await
    .unwrap();
    let caught = broken_tables(app).await;
    db.execute_unprepared("DROP TABLE rule_probe")
        .await
        .unwrap();
    assert!(
        caught.iter().any(|b| b.starts_with("rule_probe:")),
        "a table keyed by id alone passed the rule: {caught:?}"
    );
    // The rule found tables to check: a query that matched nothing
    // would pass on any schema.
    let count = match backend {
        DbBackend::Postgres => {
            format!("SELECT count(*) AS n FROM pg_class rel WHERE {TENANT_TABLE}")
        }
        _ => "SELECT count(*) AS n FROM sqlite_master m WHERE m.type = 'table' \
              AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'tenant_id')"
            .to_owned(),
    };
    let row = app
        .state
        .db
        .query_one_raw(Statement::from_string(backend, count))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    assert!(n >= 42, "only {n} tenant tables found");
}
both!(
    tenant_tables_are_keyed_by_tenant_test,
    tenant_tables_are_keyed_by_tenant
);
