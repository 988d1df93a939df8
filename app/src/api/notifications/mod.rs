mod get_needs_you;
mod get_notifications;
mod read_notifications;
mod set_notification_preferences;

pub use get_needs_you::*;
pub use get_notifications::*;
pub use read_notifications::*;
pub use set_notification_preferences::*;
