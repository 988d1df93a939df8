mod get_audience_choices;
mod get_tiers;
mod save_partner_type;
mod save_tier;

pub use get_audience_choices::*;
pub use get_tiers::*;
pub use save_partner_type::*;
pub use save_tier::*;
