//! The six roles. Vendor staff steer the program; partner roles work inside
//! their own company.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "ssr", sea_orm(value_type = "String"))]
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

    /// The role's name in the current language.
    pub fn label(self) -> &'static str {
        self.label_in(crate::locale::current())
    }

    /// The role's name in `locale` (mail to someone else).
    pub fn label_in(self, locale: crate::locale::Locale) -> &'static str {
        use crate::tr_in;
        match self {
            Role::VendorAdmin => tr_in!(locale, roles.vendor_admin),
            Role::ChannelManager => tr_in!(locale, roles.channel_manager),
            Role::MarketingManager => tr_in!(locale, roles.marketing_manager),
            Role::Finance => tr_in!(locale, roles.finance),
            Role::PartnerAdmin => tr_in!(locale, roles.partner_admin),
            Role::PartnerUser => tr_in!(locale, roles.partner_user),
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

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = super::UnknownValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::parse(value).ok_or_else(|| super::UnknownValue {
            kind: "Role",
            value: value.to_owned(),
        })
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
