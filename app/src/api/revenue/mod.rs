mod get_revenue_page;
mod set_exchange_rate;

pub use get_revenue_page::*;
pub use set_exchange_rate::*;
