//! Queries. Each function takes `&impl ConnectionTrait`, so workflows can run
//! several inside one transaction and tests can call them directly.

pub mod audit;
pub mod auth_tokens;
pub mod channel;
pub mod funds;
pub mod login_attempts;
pub mod organizations;
pub mod products;
pub mod revenue;
pub mod sessions;
pub mod tenants;
pub mod territories;
pub mod users;

use crate::error::AppError;
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, EntityTrait, QuerySelect, QueryTrait, RuntimeErr, Select,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait, Value,
};

/// A case-insensitive `LIKE` pattern for text containing `q` (compared
/// with `lower(column)`), its wildcards escaped with `\`.
pub fn contains_pattern(q: &str) -> String {
    let mut out = String::with_capacity(q.len() + 2);
    out.push('%');
    for c in q.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// How many rows `query` selects, counting no further than `cap`: a list
/// that shows "more than N" past it costs the same in every program.
pub async fn count_up_to<E: EntityTrait>(
    db: &impl ConnectionTrait,
    query: Select<E>,
    cap: u64,
) -> Result<u64, DbErr> {
    let rows = query.select_only().expr(Expr::val(1)).into_query();
    count_rows_up_to(db, rows, cap).await
}

/// [`count_up_to`] for a statement built with sea-query.
pub async fn count_rows_up_to(
    db: &impl ConnectionTrait,
    mut rows: SelectStatement,
    cap: u64,
) -> Result<u64, DbErr> {
    rows.limit(cap);
    let count = Query::select()
        .expr(Expr::cust("COUNT(*) AS n"))
        .from_subquery(rows, "capped")
        .to_owned();
    let n: Option<i64> = match db.query_one(&count).await? {
        Some(row) => Some(row.try_get("", "n")?),
        None => None,
    };
    Ok(n.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}

/// Runs SQL written with `$1`-style placeholders on either database
/// (SQLite reads them as `?1`).
pub(crate) async fn execute(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = if backend == DbBackend::Sqlite {
        sql.replace('$', "?")
    } else {
        sql.to_owned()
    };
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .map(|_| ())
}

/// Begins a transaction that will write. On SQLite it takes the write lock
/// at `BEGIN` (`IMMEDIATE`), waiting its turn behind other writers. A
/// deferred transaction reads first and asks for the lock at its first write;
/// when another connection has committed in between, SQLite refuses at once
/// with "database is locked" instead of waiting, which under mixed load
/// (bench/mixed.sh) answered a few writes with 500. PostgreSQL ignores the
/// mode.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Whether the database itself is out of reach (rather than a query being
/// wrong): no connection to be had, a connection cut mid-query, or the
/// server shutting down or starting up (SQLSTATE classes 08 and 57P).
fn connection_lost(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                sqlx::Error::Io(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed => true,
                sqlx::Error::Database(d) => d
                    .code()
                    .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
                _ => false,
            }
        }
        _ => false,
    }
}

/// A write refused by a unique index: a double submit or a concurrent
/// writer got there first, which callers answer without an error page.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Logs the database cause and returns a safe error: connection trouble
/// becomes 503 so clients retry, anything else 500.
pub fn db_error(err: DbErr) -> AppError {
    match err {
        err if connection_lost(&err) => {
            tracing::warn!(error = %err, "database unavailable");
            AppError::Unavailable
        }
        DbErr::RecordNotFound(_) => AppError::NotFound,
        other => {
            tracing::error!(error = %other, "database error");
            AppError::Internal
        }
    }
}

/// `?` on a query turns its error into the one the user may see.
impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        db_error(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn query(e: sqlx::Error) -> DbErr {
        DbErr::Query(RuntimeErr::SqlxError(Arc::new(e)))
    }

    #[test]
    fn lost_connections_are_unavailable_and_bad_queries_are_not() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "broken pipe");
        assert_eq!(db_error(query(sqlx::Error::Io(io))), AppError::Unavailable);
        assert_eq!(
            db_error(query(sqlx::Error::PoolTimedOut)),
            AppError::Unavailable
        );
        assert_eq!(
            db_error(query(sqlx::Error::ColumnNotFound("x".into()))),
            AppError::Internal
        );
        assert_eq!(db_error(DbErr::Custom("bad".into())), AppError::Internal);
        assert_eq!(
            db_error(DbErr::RecordNotFound("x".into())),
            AppError::NotFound
        );
    }
}
