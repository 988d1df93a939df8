mod change_my_password;
mod rename_me;

pub use change_my_password::*;
pub use rename_me::*;
