use super::config::Config;
use super::mail::Mailer;
use super::storage::Storage;
use super::tenant_cache::TenantCache;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Built once at start-up; cloned cheaply into every request.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    pub storage: Storage,
    /// Host name to tenant, for the request middleware.
    pub tenants: Arc<TenantCache>,
}
