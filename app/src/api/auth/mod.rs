mod accept_invitation;
#[cfg(feature = "ssr")]
pub(crate) mod cookie;
mod current_user;
mod get_invitation;
mod program_brand;
mod request_password_reset;
mod reset_password;
mod sign_in;
mod sign_out;

pub use accept_invitation::*;
pub use current_user::*;
pub use get_invitation::*;
pub use program_brand::*;
pub use request_password_reset::*;
pub use reset_password::*;
pub use sign_in::*;
pub use sign_out::*;
