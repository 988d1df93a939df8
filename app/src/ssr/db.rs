//! The one connection pool, built at start-up, and schema migration.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

/// Connects and brings the schema up to date. `schema` selects a PostgreSQL
/// schema (used by tests to isolate themselves).
pub async fn connect(url: &str, schema: Option<&str>) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_path(url) {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
            }
        }
    }
    let sqlite = url.starts_with("sqlite:");
    if sqlite {
        skip_sqlite_memory_statistics();
    }
    let pool_size = if sqlite {
        sqlite_pool_size(std::thread::available_parallelism().map_or(1, |n| n.get()))
    } else {
        POSTGRES_POOL_SIZE
    };
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool_size)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_pool_opts(|pool| {
            pool.after_connect(|conn, _| Box::pin(keep_query_plans(conn)))
        });
    if let Some(schema) = schema {
        options.set_schema_search_path(schema.to_owned());
    }
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // WAL lets readers proceed while one writer commits.
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
        db.execute_unprepared("PRAGMA foreign_keys=ON").await?;
    }
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// PostgreSQL connections are served by the database server's own processes,
/// so a request waiting on one costs this server nothing.
const POSTGRES_POOL_SIZE: u32 = 16;

/// How many SQLite connections the pool opens at most. sqlx runs each SQLite
/// connection on a thread of its own and hands every query and every row
/// across to it; past two threads per core they only add context switches.
/// On the 2-core bench machine the topic page went from 689–767 req/s with
/// 16 connections to 939–967 with 4 (README, "Server time per page").
/// WAL lets the readers run side by side; writers queue on SQLite's lock
/// whatever the pool size.
fn sqlite_pool_size(parallelism: usize) -> u32 {
    (2 * parallelism).clamp(4, 16) as u32
}

/// Turns off SQLite's global memory statistics before SQLite starts. They
/// are on by default and count every allocation of every connection under
/// one process-wide mutex, which the connection threads then contend for
/// (`perf`: 8% of the server's time under load was in SQLite's allocator,
/// much of it waiting on that lock). Nothing here reads the statistics.
/// SQLite accepts the setting only before it initialises, that is before the
/// first connection opens; later calls refuse it and change nothing.
fn skip_sqlite_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use libsqlite3_sys::{sqlite3_config, SQLITE_CONFIG_MEMSTATUS, SQLITE_OK};
        // SAFETY: called once, before this process opens any SQLite
        // connection (every connection comes from `connect`, which calls
        // this first); the option takes one int.
        let rc = unsafe { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int) };
        if rc != SQLITE_OK {
            tracing::debug!(code = rc, "SQLite kept its memory statistics on");
        }
    });
}

/// Turns on SQLite's query planner stability guarantee for a new connection.
/// Without it SQLite marks a prepared statement for recompilation whenever a
/// parameter that could change its plan is rebound: every `LIMIT ?` (the
/// query builder binds limits) and, once ANALYZE has gathered STAT4 samples,
/// every comparison with an indexed column. The statement cache was then
/// useless: each query was parsed and planned again on every use.
async fn keep_query_plans(conn: &mut sqlx::sqlite::SqliteConnection) -> Result<(), sqlx::Error> {
    use libsqlite3_sys::{sqlite3_db_config, SQLITE_DBCONFIG_ENABLE_QPSG, SQLITE_OK};
    use std::ffi::c_int;
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: the locked handle gives exclusive use of the open connection,
    // and this option takes an int and an optional int pointer.
    let rc = unsafe {
        sqlite3_db_config(
            db,
            SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as c_int,
            std::ptr::null_mut::<c_int>(),
        )
    };
    if rc == SQLITE_OK {
        Ok(())
    } else {
        Err(sqlx::Error::Protocol(format!(
            "SQLite refused the query planner setting (code {rc})"
        )))
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// True when the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_pool_grows_with_the_cores_within_bounds() {
        assert_eq!(sqlite_pool_size(1), 4);
        assert_eq!(sqlite_pool_size(2), 4);
        assert_eq!(sqlite_pool_size(4), 8);
        assert_eq!(sqlite_pool_size(64), 16);
    }

    #[tokio::test]
    async fn sqlite_keeps_no_memory_statistics() {
        let db = connect("sqlite::memory:", None).await.unwrap();
        db.execute_unprepared("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('some text')")
            .await
            .unwrap();
        // With statistics on, the open connection and its schema alone
        // count hundreds of kilobytes.
        // SAFETY: a plain read of a counter.
        let used = unsafe { libsqlite3_sys::sqlite3_memory_used() };
        assert_eq!(used, 0);
    }
}
