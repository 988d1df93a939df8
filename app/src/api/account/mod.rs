mod change_my_password;
mod list_time_zones;
mod rename_me;
mod set_language;
mod set_time_zone;

pub use change_my_password::*;
pub use list_time_zones::*;
pub use rename_me::*;
pub use set_language::*;
pub use set_time_zone::*;
