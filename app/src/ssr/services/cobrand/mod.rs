//! Co-branding workflows: vendors manage templates; partners customise them
//! into designs, submit them for approval where required, and export them.

pub mod designs;
pub mod exports;
pub mod templates;

use crate::ssr::Actor;
use crate::types::Role;

/// Vendor admins and marketing managers own the template library.
pub fn can_manage(actor: &Actor) -> bool {
    matches!(actor.role, Role::VendorAdmin | Role::MarketingManager)
}

/// Vendor staff who approve partners' designs (within their partners).
pub fn can_review(actor: &Actor) -> bool {
    matches!(
        actor.role,
        Role::VendorAdmin | Role::MarketingManager | Role::ChannelManager
    )
}

/// Partner users make designs for their own company.
pub fn can_design(actor: &Actor) -> bool {
    matches!(actor.role, Role::PartnerAdmin | Role::PartnerUser)
}
