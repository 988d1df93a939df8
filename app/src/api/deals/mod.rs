mod add_named_account;
mod check_deal_customer;

pub use add_named_account::*;
pub use check_deal_customer::*;
