//! sea-orm entities, one per table.

pub mod invitation;
pub mod login_attempt;
pub mod organization;
pub mod password_reset;
pub mod session;
pub mod tenant;
pub mod user;
