//! Queries. Each function takes `&impl ConnectionTrait`, so workflows can run
//! several inside one transaction and tests can call them directly.

pub mod auth_tokens;
pub mod funds;
pub mod login_attempts;
pub mod organizations;
pub mod sessions;
pub mod tenants;
pub mod users;

use crate::error::AppError;
use sea_orm::DbErr;

/// Logs the database cause and returns a safe error: connection trouble
/// becomes 503 so clients retry, anything else 500.
pub fn db_error(err: DbErr) -> AppError {
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
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
