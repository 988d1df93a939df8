mod get_tiers;
mod save_tier;

pub use get_tiers::*;
pub use save_tier::*;
