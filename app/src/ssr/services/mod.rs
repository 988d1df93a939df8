//! Workflows: permission checks, validation and the queries they need,
//! independent of HTTP so tests and the seeder can call them.

pub mod account;
pub mod auth;
pub mod by_code;
pub mod campaigns;
pub mod cobrand;
pub mod dashboard;
pub mod forum;
pub mod funds;
pub mod invitations;
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

pub fn now() -> DateTime<Utc> {
    Utc::now()
}
