//! Schema migrations. Each is reversible and names tables and columns itself
//! (never through the app's entity types), so old migrations keep compiling.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_foundation;
mod m20261123_000002_mdf;
mod m20261123_000003_mdf_claims;
mod m20261123_000004_coop_revenue;
mod m20261123_000005_cobranding;
mod m20261129_000006_forum;
mod m20261129_000007_campaigns;
mod m20261130_000008_time_zones;
mod m20261206_000009_forum_pictures;

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
        ]
    }
}
