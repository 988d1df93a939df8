mod add_named_account;
mod check_deal_customer;
mod decide_deal;
mod get_deal;
mod get_deal_form;
mod get_deals;
mod resolve_deal_conflict;
mod save_deal;
mod withdraw_deal;

pub use add_named_account::*;
pub use check_deal_customer::*;
pub use decide_deal::*;
pub use get_deal::*;
pub use get_deal_form::*;
pub use get_deals::*;
pub use resolve_deal_conflict::*;
pub use save_deal::*;
pub use withdraw_deal::*;
