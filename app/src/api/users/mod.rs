mod invite_user;
mod list_users;
mod revoke_invitation;
mod set_user_active;

pub use invite_user::*;
pub use list_users::*;
pub use revoke_invitation::*;
pub use set_user_active::*;
