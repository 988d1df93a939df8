//! Workflows: permission checks, validation and the queries they need,
//! independent of HTTP so tests and the seeder can call them.

pub mod account;
pub mod auth;
pub mod business_clock;
pub mod by_code;
pub mod campaigns;
pub mod cobrand;
pub mod dashboard;
pub mod deals;
pub mod forum;
pub mod funds;
pub mod invitations;
pub mod leads;
pub mod logos;
pub mod notifications;
pub mod partner_types;
pub mod partners;
pub(crate) mod present;
pub mod products;
pub mod programs;
pub mod revenue;
pub mod territories;
pub mod tiers;
pub mod users;
pub mod work;

use chrono::{DateTime, Utc};

/// A form's one-time key (a double submit makes one record); a form too
/// old to carry one is sent back, the message on `field`.
pub(crate) fn form_key<'k>(key: &'k str, field: &str) -> crate::error::AppResult<&'k str> {
    let key = key.trim();
    if key.len() < 16 || key.len() > 64 {
        return Err(crate::error::AppError::invalid(
            field,
            crate::tr!(common.form_expired),
        ));
    }
    Ok(key)
}

tokio::task_local! {
    /// A past moment the demo seeder plays its history at.
    static CLOCK: DateTime<Utc>;
}

/// The time every service stamps its records with: the wall clock, or the
/// moment [`as_of`] set for the task.
pub fn now() -> DateTime<Utc> {
    CLOCK.try_with(|at| *at).unwrap_or_else(|_| Utc::now())
}

/// Runs `work` as if it were `at`: the demo program's history goes through
/// the same services as a person's clicks, on the days it happened.
pub async fn as_of<F: std::future::Future>(at: DateTime<Utc>, work: F) -> F::Output {
    CLOCK.scope(at, work).await
}
