//! Concurrent writers on SQLite: a write transaction that reads before it
//! writes waits for its turn instead of failing with "database is locked"
//! (seen as a few 500s under mixed load, bench/mixed.sh).

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

use app::ssr::{db, repo::begin_write};
use sea_orm::ConnectionTrait;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_transaction_that_reads_first_waits_for_other_writers() {
    let dir = std::env::temp_dir().join(format!("prm-writes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite").display());
    let conn = db::connect(&url, None).await.unwrap();
    conn.execute_unprepared("CREATE TABLE counter (n INTEGER NOT NULL)")
        .await
        .unwrap();
    conn.execute_unprepared("INSERT INTO counter (n) VALUES (0)")
        .await
        .unwrap();

    // A read-then-write transaction, as the services run them.
    let txn = begin_write(&conn).await.unwrap();
    txn.execute_unprepared("SELECT n FROM counter")
        .await
        .unwrap();
    // Meanwhile another request writes on its own connection. With a
    // deferred transaction it would commit at once and the transaction
    // above could then no longer write; with the write lock taken at BEGIN
    // it waits until that transaction commits.
    let other = {
        let conn = conn.clone();
        tokio::spawn(async move {
            conn.execute_unprepared("UPDATE counter SET n = n + 10")
                .await
                .map(|_| ())
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    txn.execute_unprepared("UPDATE counter SET n = n + 1")
        .await
        .expect("the transaction that read first can still write");
    txn.commit().await.unwrap();
    other
        .await
        .unwrap()
        .expect("the other writer waited its turn");

    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT n FROM counter",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.try_get_by_index::<i64>(0).unwrap(),
        11,
        "both writes kept"
    );
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
}
