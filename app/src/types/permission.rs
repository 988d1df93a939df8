//! What each role may do: one table, read by the server's guards and by the
//! pages that decide which buttons to show, so the two cannot disagree.
//!
//! A permission answers "may this role do P at all". Whether it may do P on
//! one record (this company's design, that partner's profile) adds the
//! record's owner: `ssr::permission` (`Actor::may_on`).

use super::Role;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// See the program as the vendor does: the partner list, program-wide
    /// figures and per-partner results.
    ViewProgram,
    /// Read the partners below one's company in the channel (resellers and
    /// theirs, at any depth) and open their pages; vendor staff read their
    /// part of the program. Acting for those partners stays theirs.
    ViewChannel,
    /// Add partner companies to the program.
    AddPartners,
    /// Change a partner's place in the program: type, tier, region,
    /// channel manager, distributor.
    EditPartnerProgram,
    /// Change a company's profile (name on the page, contacts, logo).
    EditCompanyProfile,
    /// Invite, deactivate and list the users of a company.
    ManageUsers,
    /// Budgets, allocations, revenue for co-op accrual, the ledger export.
    ManageBudgets,
    /// Decide partners' fund requests and claims.
    ReviewFunds,
    /// Ask for funds and claim them.
    RequestFunds,
    /// Record the payment of an approved claim.
    PayClaims,
    /// Program-wide fund settings (the claim window).
    ConfigureFunds,
    /// The co-branding template library.
    ManageTemplates,
    /// Approve partners' designs.
    ReviewDesigns,
    /// Make co-branded designs for one's own company.
    Design,
    /// Build and steer through-channel campaigns.
    ManageCampaigns,
    /// Join campaigns and send them to one's own contacts.
    RunCampaigns,
    /// Hide, restore and edit others' posts; handle flags.
    ModerateForum,
    /// Create and change forum categories and their audiences.
    ManageForumCategories,
    /// Forum-wide settings (approve first posts).
    ConfigureForum,
    /// Suspend partner members from the forum.
    SuspendPartners,
    /// Suspend vendor staff from the forum (so a moderator cannot silence
    /// the admins above them).
    SuspendVendorStaff,
    /// See the program's recurring background work and how each run went.
    ViewBackgroundWork,
    /// Keep the product catalogue: families, products, CSV import and
    /// export. Everyone in the program reads it.
    ManageProducts,
    /// Name, rank and add the program's tiers and set their benefits;
    /// name and add its partner types.
    ManageTiersAndTypes,
    /// Keep where partners work: their areas, location and service radius.
    /// Partners read their own.
    EditTerritories,
    /// Register deals for one's own company (and see its registrations).
    RegisterDeals,
    /// Decide partners' deal registrations and their conflicts.
    ReviewDeals,
    /// Keep the accounts the vendor sells to itself, and the review clock.
    ConfigureDeals,
    /// Enter and import leads, route them (or by hand), close them; set a
    /// partner's lead capacity and specialisations.
    ManageLeads,
    /// The program's lead settings: the acceptance and first-contact
    /// clocks and how a partner is drawn.
    ConfigureLeads,
    /// Accept, decline, work and convert the leads offered to one's
    /// company (a distributor also passes them to its resellers).
    TakeLeads,
    /// Pause one's company's leads (holidays) and resume them.
    PauseLeads,
}

use Permission::*;
use Role::{
    ChannelManager as CM, Finance as FIN, MarketingManager as MM, PartnerAdmin as PA,
    PartnerUser as PU, VendorAdmin as VA,
};

impl Permission {
    pub const ALL: [Permission; 32] = [
        ViewProgram,
        ViewChannel,
        AddPartners,
        EditPartnerProgram,
        EditCompanyProfile,
        ManageUsers,
        ManageBudgets,
        ReviewFunds,
        RequestFunds,
        PayClaims,
        ConfigureFunds,
        ManageTemplates,
        ReviewDesigns,
        Design,
        ManageCampaigns,
        RunCampaigns,
        ModerateForum,
        ManageForumCategories,
        ConfigureForum,
        SuspendPartners,
        SuspendVendorStaff,
        ViewBackgroundWork,
        ManageProducts,
        ManageTiersAndTypes,
        EditTerritories,
        RegisterDeals,
        ReviewDeals,
        ConfigureDeals,
        ManageLeads,
        ConfigureLeads,
        TakeLeads,
        PauseLeads,
    ];

    /// The roles granted this permission: the one table.
    pub fn roles(self) -> &'static [Role] {
        match self {
            ViewProgram => &[VA, CM, MM, FIN],
            // A partner's admin oversees the resellers buying through it;
            // its other users work for their own company.
            ViewChannel => &[VA, CM, MM, FIN, PA],
            AddPartners | EditPartnerProgram => &[VA],
            // A channel manager edits the partners assigned to them, a
            // partner admin their own company (`Actor::may_on`).
            EditCompanyProfile => &[VA, CM, PA],
            ManageUsers => &[VA, PA],
            ManageBudgets => &[VA, MM, FIN],
            ReviewFunds => &[VA, CM, MM],
            RequestFunds => &[PA, PU],
            PayClaims => &[FIN],
            ConfigureFunds => &[VA],
            ManageTemplates => &[VA, MM],
            ReviewDesigns => &[VA, CM, MM],
            Design => &[PA, PU],
            ManageCampaigns => &[VA, MM],
            RunCampaigns => &[PA, PU],
            // Finance does not look after the community.
            ModerateForum | SuspendPartners => &[VA, CM, MM],
            ManageForumCategories => &[VA, MM],
            // Product marketing keeps the catalogue with the admins.
            ManageProducts => &[VA, MM],
            // A channel manager keeps the territories of the partners
            // assigned to them (their scope holds no others).
            EditTerritories => &[VA, CM],
            RegisterDeals => &[PA, PU],
            // A channel manager decides the registrations of the partners
            // assigned to them (their scope holds no others).
            ReviewDeals => &[VA, CM],
            // Marketing brings campaign responses in as leads.
            ManageLeads => &[VA, CM, MM],
            TakeLeads => &[PA, PU],
            PauseLeads => &[PA],
            ConfigureForum | SuspendVendorStaff | ViewBackgroundWork | ManageTiersAndTypes
            | ConfigureDeals | ConfigureLeads => &[VA],
        }
    }
}

impl Permission {
    /// What suspending a member with `target` role from the forum takes.
    pub fn to_suspend(target: Role) -> Permission {
        if target.is_vendor_staff() {
            SuspendVendorStaff
        } else {
            SuspendPartners
        }
    }
}

impl Role {
    /// Whether this role holds the permission.
    pub fn may(self, permission: Permission) -> bool {
        permission.roles().contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same grants written per role, the way a reader checks a role's
    /// reach; the table above must say exactly this.
    const BY_ROLE: [(Role, &[Permission]); 6] = [
        (
            VA,
            &[
                ViewProgram,
                ViewChannel,
                AddPartners,
                EditPartnerProgram,
                EditCompanyProfile,
                ManageUsers,
                ManageBudgets,
                ReviewFunds,
                ConfigureFunds,
                ManageTemplates,
                ReviewDesigns,
                ManageCampaigns,
                ModerateForum,
                ManageForumCategories,
                ConfigureForum,
                SuspendPartners,
                SuspendVendorStaff,
                ViewBackgroundWork,
                ManageProducts,
                ManageTiersAndTypes,
                EditTerritories,
                ReviewDeals,
                ConfigureDeals,
                ManageLeads,
                ConfigureLeads,
            ],
        ),
        (
            CM,
            &[
                ViewProgram,
                ViewChannel,
                EditCompanyProfile,
                ReviewFunds,
                ReviewDesigns,
                ModerateForum,
                SuspendPartners,
                EditTerritories,
                ReviewDeals,
                ManageLeads,
            ],
        ),
        (
            MM,
            &[
                ViewProgram,
                ViewChannel,
                ManageBudgets,
                ReviewFunds,
                ManageTemplates,
                ReviewDesigns,
                ManageCampaigns,
                ModerateForum,
                ManageForumCategories,
                SuspendPartners,
                ManageProducts,
                ManageLeads,
            ],
        ),
        (FIN, &[ViewProgram, ViewChannel, ManageBudgets, PayClaims]),
        (
            PA,
            &[
                ViewChannel,
                EditCompanyProfile,
                ManageUsers,
                RequestFunds,
                Design,
                RunCampaigns,
                RegisterDeals,
                TakeLeads,
                PauseLeads,
            ],
        ),
        (
            PU,
            &[RequestFunds, Design, RunCampaigns, RegisterDeals, TakeLeads],
        ),
    ];

    #[test]
    fn every_role_holds_exactly_its_permissions() {
        for (role, granted) in BY_ROLE {
            for permission in Permission::ALL {
                assert_eq!(
                    role.may(permission),
                    granted.contains(&permission),
                    "{role:?} × {permission:?}"
                );
            }
        }
        assert_eq!(BY_ROLE.len(), Role::ALL.len());
    }

    #[test]
    fn only_vendor_admins_may_suspend_vendor_staff() {
        for actor in Role::ALL {
            for target in Role::ALL {
                let expected = match actor {
                    VA => true,
                    CM | MM => !target.is_vendor_staff(),
                    _ => false,
                };
                assert_eq!(
                    actor.may(Permission::to_suspend(target)),
                    expected,
                    "{actor:?} -> {target:?}"
                );
            }
        }
    }

    #[test]
    fn partners_never_hold_a_program_wide_permission() {
        for permission in [
            ViewProgram,
            AddPartners,
            EditPartnerProgram,
            ManageBudgets,
            ReviewFunds,
            PayClaims,
            ConfigureFunds,
            ManageTemplates,
            ReviewDesigns,
            ManageCampaigns,
            ModerateForum,
            ManageForumCategories,
            ConfigureForum,
            ReviewDeals,
            ConfigureDeals,
            ManageLeads,
            ConfigureLeads,
        ] {
            for role in Role::PARTNER {
                assert!(!role.may(permission), "{role:?} × {permission:?}");
            }
        }
    }
}
