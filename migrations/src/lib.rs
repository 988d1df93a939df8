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
