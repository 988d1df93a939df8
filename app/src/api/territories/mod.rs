mod add_territory_areas;
mod remove_territory_area;
mod set_partner_location;

pub use add_territory_areas::*;
pub use remove_territory_area::*;
pub use set_partner_location::*;
