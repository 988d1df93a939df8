//! The program's own machinery, for vendor admins.

mod list_recurring_runs;

pub use list_recurring_runs::*;
