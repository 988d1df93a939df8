//! Schema migrations. Each is reversible and names tables and columns itself
//! (never through the app's entity types), so old migrations keep compiling.

pub use sea_orm_migration::prelude::*;

pub mod keys;
mod m20261123_000001_foundation;
mod m20261123_000002_mdf;
mod m20261123_000003_mdf_claims;
mod m20261123_000004_coop_revenue;
mod m20261123_000005_cobranding;
mod m20261129_000006_forum;
mod m20261129_000007_campaigns;
mod m20261130_000008_time_zones;
mod m20261206_000009_forum_pictures;
mod m20261206_000010_funds_names;
mod m20261206_000011_user_locale;
mod m20261206_000012_published_text_languages;
mod m20261206_000013_recurring_runs;
mod m20261206_000014_program_suspension;
mod m20261206_000015_product_catalogue;
mod m20261206_000016_tiers;
mod m20261206_000017_partner_types;
mod m20261206_000018_territories;
mod m20261206_000019_tenant_keys;
mod m20261207_000020_channel_links;
mod m20261207_000021_revenue_ledger;
mod m20261207_000022_notifications;
mod m20261207_000023_deals;
mod m20261207_000024_deal_list_indexes;
mod m20261208_000025_leads;
mod m20261208_000026_certifications;
mod m20261208_000027_campaign_responses;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_mdf::Migration),
            Box::new(m20261123_000003_mdf_claims::Migration),
            Box::new(m20261123_000004_coop_revenue::Migration),
            Box::new(m20261123_000005_cobranding::Migration),
            Box::new(m20261129_000006_forum::Migration),
            Box::new(m20261129_000007_campaigns::Migration),
            Box::new(m20261130_000008_time_zones::Migration),
            Box::new(m20261206_000009_forum_pictures::Migration),
            Box::new(m20261206_000010_funds_names::Migration),
            Box::new(m20261206_000011_user_locale::Migration),
            Box::new(m20261206_000012_published_text_languages::Migration),
            Box::new(m20261206_000013_recurring_runs::Migration),
            Box::new(m20261206_000014_program_suspension::Migration),
            Box::new(m20261206_000015_product_catalogue::Migration),
            Box::new(m20261206_000016_tiers::Migration),
            Box::new(m20261206_000017_partner_types::Migration),
            Box::new(m20261206_000018_territories::Migration),
            Box::new(m20261206_000019_tenant_keys::Migration),
            Box::new(m20261207_000020_channel_links::Migration),
            Box::new(m20261207_000021_revenue_ledger::Migration),
            Box::new(m20261207_000022_notifications::Migration),
            Box::new(m20261207_000023_deals::Migration),
            Box::new(m20261207_000024_deal_list_indexes::Migration),
            Box::new(m20261208_000025_leads::Migration),
            Box::new(m20261208_000026_certifications::Migration),
            Box::new(m20261208_000027_campaign_responses::Migration),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm_migration::sea_orm::{ConnectOptions, Database};

    /// Every migration applies on an empty database, reverses, and applies
    /// again: the schema can be rolled back one release.
    #[tokio::test]
    async fn every_migration_goes_up_down_and_up_again() {
        let mut options = ConnectOptions::new("sqlite::memory:");
        // One connection: each in-memory connection is a database of its own.
        options.max_connections(1).sqlx_logging(false);
        let db = Database::connect(options).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        assert!(Migrator::get_pending_migrations(&db)
            .await
            .unwrap()
            .is_empty());
        Migrator::down(&db, None).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        assert!(Migrator::get_pending_migrations(&db)
            .await
            .unwrap()
            .is_empty());
    }

    /// Inserts a row naming only the columns that matter; every other
    /// required column gets a plain value of its type (SQLite).
    async fn insert(
        db: &sea_orm_migration::sea_orm::DatabaseConnection,
        table: &str,
        values: &[(&str, &str)],
    ) {
        use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
        let columns = db
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!("PRAGMA table_info(\"{table}\")"),
            ))
            .await
            .unwrap();
        let (mut names, mut literals) = (Vec::new(), Vec::new());
        for c in columns {
            let name: String = c.try_get("", "name").unwrap();
            let kind: String = c.try_get("", "type").unwrap();
            let required: i32 = c.try_get("", "notnull").unwrap();
            let default: Option<String> = c.try_get("", "dflt_value").unwrap();
            let literal = match values.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => (*v).to_owned(),
                None if required == 0 || default.is_some() => continue,
                None => {
                    let kind = kind.to_lowercase();
                    if kind.contains("int") || kind.contains("bool") {
                        "0".into()
                    } else if kind.contains("date") || kind.contains("time") {
                        "'2026-01-01T00:00:00Z'".into()
                    } else {
                        "''".into()
                    }
                }
            };
            names.push(format!("\"{name}\""));
            literals.push(literal);
        }
        db.execute_unprepared(&format!(
            "INSERT INTO \"{table}\" ({}) VALUES ({})",
            names.join(", "),
            literals.join(", ")
        ))
        .await
        .unwrap();
    }

    /// How many migrations come before the named one.
    fn before(name: &str) -> u32 {
        let at = Migrator::migrations()
            .iter()
            .position(|m| m.name() == name)
            .unwrap();
        at as u32
    }

    /// A query's rows, each as its columns' values joined by spaces.
    async fn rows(db: &sea_orm_migration::sea_orm::DatabaseConnection, sql: &str) -> Vec<String> {
        use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
        db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql.to_owned()))
            .await
            .unwrap()
            .iter()
            .map(|r| {
                (0..)
                    .map_while(|i| {
                        r.try_get_by_index::<String>(i)
                            .ok()
                            .or_else(|| r.try_get_by_index::<i64>(i).ok().map(|n| n.to_string()))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The forum's notifications and e-mail setting move onto the one
    /// notification model: each row keeps who, which topic and its link;
    /// "all" and "none" become choices, "mentions" is the default.
    #[tokio::test]
    async fn forum_notifications_move_onto_the_one_model() {
        let mut options = ConnectOptions::new("sqlite::memory:");
        options.max_connections(1).sqlx_logging(false);
        let db = Database::connect(options).await.unwrap();
        Migrator::up(&db, Some(before("m20261207_000022_notifications")))
            .await
            .unwrap();
        insert(&db, "tenants", &[("id", "1"), ("slug", "'acme'")]).await;
        insert(&db, "organizations", &[("id", "10"), ("tenant_id", "1")]).await;
        for (id, name, email) in [
            (1, "Ana Ruiz", "all"),
            (2, "Ben Ode", "none"),
            (3, "Cy", "mentions"),
        ] {
            let (id, name, email) = (id.to_string(), format!("'{name}'"), format!("'{email}'"));
            insert(
                &db,
                "users",
                &[
                    ("id", &id),
                    ("tenant_id", "1"),
                    ("organization_id", "10"),
                    ("email", &format!("'u{id}@x.example'")),
                    ("handle", &format!("'u{id}'")),
                    ("name", &name),
                    ("forum_email", &email),
                ],
            )
            .await;
        }
        insert(&db, "forum_categories", &[("id", "5"), ("tenant_id", "1")]).await;
        insert(
            &db,
            "forum_topics",
            &[
                ("id", "7"),
                ("tenant_id", "1"),
                ("category_id", "5"),
                ("title", "'Licensing'"),
            ],
        )
        .await;
        insert(
            &db,
            "forum_notifications",
            &[
                ("id", "1"),
                ("tenant_id", "1"),
                ("user_id", "2"),
                ("kind", "'mention'"),
                ("topic_id", "7"),
                ("post_id", "70"),
                ("actor_id", "1"),
                ("read_at", "'2026-02-01T00:00:00Z'"),
            ],
        )
        .await;
        Migrator::up(&db, None).await.unwrap();
        assert_eq!(
            rows(
                &db,
                "SELECT user_id, kind, subject_id, details, link, delivery FROM notifications"
            )
            .await,
            [
                r#"2 forum_mention 7 {"t":"forum","who":"Ana Ruiz","topic":"Licensing"} /forum/topics/7#post-70 bell"#
            ]
        );
        assert_eq!(
            rows(
                &db,
                "SELECT COUNT(*) FROM notifications WHERE read_at IS NOT NULL"
            )
            .await,
            ["1"]
        );
        assert_eq!(
            rows(
                &db,
                "SELECT user_id, kind, delivery FROM notification_prefs ORDER BY user_id"
            )
            .await,
            ["1 forum_reply mail", "2 forum_mention bell"]
        );
    }

    /// Co-op revenue recorded before the ledger moves into it: one figure
    /// per partner, period and currency however many budgets recorded it,
    /// each accrual pointing at its figure, and the period sums kept.
    #[tokio::test]
    async fn co_op_revenue_moves_into_the_ledger() {
        let mut options = ConnectOptions::new("sqlite::memory:");
        options.max_connections(1).sqlx_logging(false);
        let db = Database::connect(options).await.unwrap();
        Migrator::up(&db, Some(before("m20261207_000021_revenue_ledger")))
            .await
            .unwrap();
        insert(&db, "tenants", &[("id", "1"), ("slug", "'acme'")]).await;
        insert(
            &db,
            "organizations",
            &[("id", "10"), ("tenant_id", "1"), ("kind", "'partner'")],
        )
        .await;
        for (id, currency) in [(100, "USD"), (101, "USD"), (102, "EUR")] {
            let (id, currency) = (id.to_string(), format!("'{currency}'"));
            insert(
                &db,
                "fund_budgets",
                &[
                    ("id", &id),
                    ("tenant_id", "1"),
                    ("currency", &currency),
                    ("idempotency_key", &id),
                ],
            )
            .await;
        }
        for (id, budget, period, amount) in [
            (1, 100, "2026-Q4", 500),
            (2, 101, "2026-Q4", 500),
            (3, 102, "2026-Q4", 300),
            (4, 100, "2026-11", 50),
        ] {
            let (id, budget, period, amount) = (
                id.to_string(),
                budget.to_string(),
                format!("'{period}'"),
                amount.to_string(),
            );
            insert(
                &db,
                "fund_revenue",
                &[
                    ("id", &id),
                    ("tenant_id", "1"),
                    ("budget_id", &budget),
                    ("partner_id", "10"),
                    ("period", &period),
                    ("revenue_minor", &amount),
                ],
            )
            .await;
        }
        Migrator::up(&db, None).await.unwrap();
        assert_eq!(
            rows(&db, "SELECT period, period_start, currency, amount_minor, source FROM partner_revenue ORDER BY id").await,
            [
                "2026-Q4 2026-10-01 USD 500 entered",
                "2026-Q4 2026-10-01 EUR 300 entered",
                "2026-11 2026-11-01 USD 50 entered"
            ]
        );
        assert_eq!(
            rows(&db, "SELECT r.id, p.currency, p.period FROM fund_revenue r JOIN partner_revenue p ON p.id = r.revenue_id ORDER BY r.id").await,
            ["1 USD 2026-Q4", "2 USD 2026-Q4", "3 EUR 2026-Q4", "4 USD 2026-11"]
        );
        assert_eq!(
            rows(&db, "SELECT period, currency, figures, amount_minor FROM revenue_totals ORDER BY period, currency").await,
            ["2026-11 USD 1 50", "2026-Q4 EUR 1 300", "2026-Q4 USD 1 500"]
        );
    }

    /// The same on PostgreSQL, in a schema of its own, when
    /// `TEST_DATABASE_URL` names one (the tenant keys differ by backend).
    #[tokio::test]
    async fn every_migration_goes_up_down_and_up_again_on_postgres() {
        use sea_orm_migration::sea_orm::ConnectionTrait;
        let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped");
            return;
        };
        let schema = format!("migrations_{}", std::process::id());
        let admin = Database::connect(url.as_str()).await.unwrap();
        admin
            .execute_unprepared(&format!("CREATE SCHEMA \"{schema}\""))
            .await
            .unwrap();
        let mut options = ConnectOptions::new(url.as_str());
        options
            .max_connections(1)
            .sqlx_logging(false)
            .set_schema_search_path(schema.as_str());
        let db = Database::connect(options).await.unwrap();
        let outcome = async {
            Migrator::up(&db, None).await?;
            Migrator::down(&db, None).await?;
            Migrator::up(&db, None).await?;
            Migrator::get_pending_migrations(&db).await
        }
        .await;
        db.close().await.unwrap();
        admin
            .execute_unprepared(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
            .await
            .unwrap();
        assert!(outcome.unwrap().is_empty());
    }
}
