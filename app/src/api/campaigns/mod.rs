//! Through-channel campaign endpoints.

mod add_contact;
pub use add_contact::*;
mod cancel_send;
pub use cancel_send::*;
mod change_campaign_status;
pub use change_campaign_status::*;
mod get_campaign;
pub use get_campaign::*;
mod get_campaign_form;
pub use get_campaign_form::*;
mod get_campaigns_page;
pub use get_campaigns_page::*;
mod get_contacts;
pub use get_contacts::*;
mod import_contacts;
pub use import_contacts::*;
mod join_campaign;
pub use join_campaign::*;
mod remove_contact;
pub use remove_contact::*;
mod save_campaign;
pub use save_campaign::*;
mod send_campaign;
pub use send_campaign::*;
