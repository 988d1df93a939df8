//! The six roles. Vendor staff steer the program; partner roles work inside
//! their own company.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    VendorAdmin,
    ChannelManager,
    MarketingManager,
    Finance,
    PartnerAdmin,
    PartnerUser,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::VendorAdmin,
        Role::ChannelManager,
        Role::MarketingManager,
        Role::Finance,
        Role::PartnerAdmin,
        Role::PartnerUser,
    ];
    pub const VENDOR: [Role; 4] = [
        Role::VendorAdmin,
        Role::ChannelManager,
        Role::MarketingManager,
        Role::Finance,
    ];
    pub const PARTNER: [Role; 2] = [Role::PartnerAdmin, Role::PartnerUser];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::VendorAdmin => "vendor_admin",
            Role::ChannelManager => "channel_manager",
            Role::MarketingManager => "marketing_manager",
            Role::Finance => "finance",
            Role::PartnerAdmin => "partner_admin",
            Role::PartnerUser => "partner_user",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::VendorAdmin => "Vendor admin",
            Role::ChannelManager => "Channel manager",
            Role::MarketingManager => "Marketing manager",
            Role::Finance => "Finance",
            Role::PartnerAdmin => "Partner admin",
            Role::PartnerUser => "Partner user",
        }
    }

    pub fn is_vendor_staff(self) -> bool {
        Self::VENDOR.contains(&self)
    }

    /// Vendor staff other than channel managers see every partner; a channel
    /// manager sees the partners assigned to them.
    pub fn sees_all_partners(self) -> bool {
        matches!(
            self,
            Role::VendorAdmin | Role::MarketingManager | Role::Finance
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn round_trips_through_strings() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
