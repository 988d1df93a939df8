mod create_partner;
mod get_partner;
mod list_partners;
mod update_partner_profile;
mod update_partner_program;

pub use create_partner::*;
pub use get_partner::*;
pub use list_partners::*;
pub use update_partner_profile::*;
pub use update_partner_program::*;
