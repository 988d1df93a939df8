//! The server's side of the permission table: may this actor do P, and may
//! it do P on this record. Every guard in the services asks here; the pages
//! get the same answers as the `can_*` flags of their views.

use super::Actor;
use crate::error::{AppError, AppResult};
pub use crate::types::permission::Permission;

/// The record a permission is asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// The program as a whole (budgets, templates, settings).
    Program,
    /// A record of this company (its profile, users, designs, requests),
    /// loaded through [`super::Scope`]: vendor staff reach what their scope
    /// showed them (a channel manager only the partners assigned to them);
    /// partner users only their own company.
    Company(i64),
    /// A record of `company` that may name its distributor (two-tier: a
    /// reseller's deal registration): the distributor acts on it as the
    /// company's own users do, once its channel scope loaded it.
    Channel {
        company: i64,
        distributor: Option<i64>,
    },
}

impl Actor {
    /// Whether the actor's role holds the permission.
    pub fn may(&self, permission: Permission) -> bool {
        self.role.may(permission)
    }

    /// Whether the actor may do `permission` on the record.
    pub fn may_on(&self, permission: Permission, on: On) -> bool {
        self.may(permission)
            && match on {
                On::Program => true,
                On::Company(org) => self.role.is_vendor_staff() || org == self.organization_id,
                On::Channel {
                    company,
                    distributor,
                } => {
                    self.role.is_vendor_staff()
                        || company == self.organization_id
                        || distributor == Some(self.organization_id)
                }
            }
    }

    /// The guard form of [`Actor::may`]: 403 when not.
    pub fn require(&self, permission: Permission) -> AppResult<()> {
        self.require_on(permission, On::Program)
    }

    /// The guard form of [`Actor::may_on`]: 403 when not.
    pub fn require_on(&self, permission: Permission, on: On) -> AppResult<()> {
        if self.may_on(permission, on) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Role;

    fn actor(role: Role, organization_id: i64) -> Actor {
        Actor {
            role,
            organization_id,
            org_kind: if role.is_vendor_staff() {
                crate::types::OrgKind::Vendor
            } else {
                crate::types::OrgKind::Partner
            },
            ..Actor::system(1)
        }
    }

    #[test]
    fn partners_act_on_their_own_company_only() {
        let olivia = actor(Role::PartnerAdmin, 7);
        assert!(olivia.may_on(Permission::EditCompanyProfile, On::Company(7)));
        assert!(!olivia.may_on(Permission::EditCompanyProfile, On::Company(8)));
        assert!(olivia
            .require_on(Permission::Design, On::Company(8))
            .is_err());
    }

    #[test]
    fn distributors_act_on_what_their_resellers_registered_through_them() {
        let through = On::Channel {
            company: 8,
            distributor: Some(7),
        };
        assert!(actor(Role::PartnerUser, 7).may_on(Permission::RegisterDeals, through));
        assert!(actor(Role::PartnerAdmin, 8).may_on(Permission::RegisterDeals, through));
        assert!(!actor(Role::PartnerAdmin, 9).may_on(Permission::RegisterDeals, through));
        let direct = On::Channel {
            company: 8,
            distributor: None,
        };
        assert!(!actor(Role::PartnerAdmin, 7).may_on(Permission::RegisterDeals, direct));
        assert!(actor(Role::ChannelManager, 1).may_on(Permission::ReviewDeals, direct));
    }

    #[test]
    fn staff_act_on_what_their_scope_loaded() {
        let dana = actor(Role::ChannelManager, 1);
        assert!(dana.may_on(Permission::EditCompanyProfile, On::Company(7)));
        // … but never beyond their role.
        assert!(!dana.may_on(Permission::EditPartnerProgram, On::Company(7)));
        let felix = actor(Role::Finance, 1);
        assert!(!felix.may_on(Permission::EditCompanyProfile, On::Company(7)));
        assert!(felix.require(Permission::PayClaims).is_ok());
    }
}
