mod allocate_funds;
mod create_budget;
mod decide_fund_request;
mod get_fund_request;
mod get_funds_overview;
mod resubmit_fund_request;
mod submit_fund_request;

pub use allocate_funds::*;
pub use create_budget::*;
pub use decide_fund_request::*;
pub use get_fund_request::*;
pub use get_funds_overview::*;
pub use resubmit_fund_request::*;
pub use submit_fund_request::*;
