//! The portal's areas and how each role reaches them. A phone shows four
//! tabs chosen for the role plus "More" (a sheet with the rest, in groups),
//! so labels stay legible and targets wide as areas are added; the desktop
//! side bar lists every area in the same groups.

use crate::tr;
use crate::types::views::CurrentUser;
use crate::types::{OrgKind, Permission, Role};

/// One destination in the main navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Home,
    Partners,
    Company,
    Deals,
    Leads,
    Funds,
    Marketing,
    Campaigns,
    Contacts,
    Community,
    Revenue,
    Products,
    Tiers,
    Users,
    BackgroundWork,
}

/// The side bar's and the "More" sheet's headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Home stands alone above the groups.
    Start,
    Sell,
    Market,
    Connect,
    Program,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Start,
        Group::Sell,
        Group::Market,
        Group::Connect,
        Group::Program,
    ];

    pub fn label(self) -> Option<&'static str> {
        match self {
            Group::Start => None,
            Group::Sell => Some(tr!(nav.group_sell)),
            Group::Market => Some(tr!(nav.group_market)),
            Group::Connect => Some(tr!(nav.group_connect)),
            Group::Program => Some(tr!(nav.group_program)),
        }
    }
}

impl Area {
    /// Every area in side-bar order.
    const ALL: [Area; 15] = [
        Area::Home,
        Area::Partners,
        Area::Company,
        Area::Deals,
        Area::Leads,
        Area::Marketing,
        Area::Campaigns,
        Area::Contacts,
        Area::Funds,
        Area::Community,
        Area::Products,
        Area::Tiers,
        Area::Revenue,
        Area::Users,
        Area::BackgroundWork,
    ];

    pub fn group(self) -> Group {
        match self {
            Area::Home => Group::Start,
            Area::Partners | Area::Company | Area::Deals | Area::Leads => Group::Sell,
            Area::Marketing | Area::Campaigns | Area::Contacts | Area::Funds => Group::Market,
            Area::Community => Group::Connect,
            Area::Products | Area::Tiers | Area::Revenue | Area::Users | Area::BackgroundWork => {
                Group::Program
            }
        }
    }

    /// Whether `user` may open the area at all.
    fn reachable_by(self, user: &CurrentUser) -> bool {
        let vendor = user.org_kind == OrgKind::Vendor;
        let may = |p| user.role.may(p);
        match self {
            Area::Home | Area::Funds | Area::Marketing | Area::Campaigns | Area::Community => true,
            Area::Products => true,
            Area::Partners => vendor,
            Area::Company => !vendor,
            Area::Contacts => may(Permission::RunCampaigns),
            Area::Deals => may(Permission::RegisterDeals) || may(Permission::ReviewDeals),
            Area::Leads => may(Permission::ManageLeads) || may(Permission::TakeLeads),
            Area::Revenue => may(Permission::ViewProgram),
            Area::Tiers => may(Permission::ManageTiersAndTypes),
            Area::Users => may(Permission::ManageUsers),
            Area::BackgroundWork => may(Permission::ViewBackgroundWork),
        }
    }

    pub fn href(self, user: &CurrentUser) -> String {
        match self {
            Area::Home => "/".into(),
            Area::Partners => "/partners".into(),
            Area::Company => format!("/partners/{}", user.organization_id),
            Area::Funds => "/funds".into(),
            Area::Deals => "/deals".into(),
            Area::Leads => "/leads".into(),
            Area::Marketing => "/cobrand".into(),
            Area::Campaigns => "/campaigns".into(),
            Area::Contacts => "/contacts".into(),
            Area::Community => "/forum".into(),
            Area::Revenue => "/revenue".into(),
            Area::Products => "/products".into(),
            Area::Tiers => "/tiers".into(),
            Area::Users => "/users".into(),
            Area::BackgroundWork => "/background-work".into(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::Home => tr!(nav.home),
            Area::Partners => tr!(nav.partners),
            Area::Company => tr!(nav.company),
            Area::Funds => tr!(nav.funds),
            Area::Deals => tr!(nav.deals),
            Area::Leads => tr!(nav.leads),
            Area::Marketing => tr!(nav.marketing),
            Area::Campaigns => tr!(nav.campaigns),
            Area::Contacts => tr!(nav.contacts),
            Area::Community => tr!(nav.community),
            Area::Revenue => tr!(nav.revenue),
            Area::Products => tr!(nav.products),
            Area::Tiers => tr!(nav.tiers),
            Area::Users => tr!(nav.users),
            Area::BackgroundWork => tr!(nav.background_work),
        }
    }

    /// A 24×24 SVG path.
    pub fn icon(self) -> &'static str {
        match self {
            Area::Home => "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
            Area::Partners => "M7 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8zm10 0a3 3 0 1 1 0-6 3 3 0 0 1 0 6zM1 21v-2a6 6 0 0 1 12 0v2zm14 0v-2a6 6 0 0 0-1.5-4A5 5 0 0 1 23 19v2z",
            Area::Company => "M4 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v4h2a2 2 0 0 1 2 2v10zm4-14v2h2V7zm0 4v2h2v-2zm0 4v2h2v-2zm4-8v2h2V7zm0 4v2h2v-2z",
            Area::Marketing => "M4 4h16v12H5.2L4 17.2zm2 3v2h12V7zm0 4v2h8v-2zM3 20h18v2H3z",
            Area::Campaigns => "M3 10v4a1 1 0 0 0 1 1h2l5 4V5L6 9H4a1 1 0 0 0-1 1zm10-4.5v13l8 3.5V2z",
            Area::Contacts => "M4 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H4zm7 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm-5 11h10a5 5 0 0 0-10 0zM21 6h2v3h-2zm0 5h2v3h-2z",
            Area::Community => "M4 3h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm3 4v2h10V7zm0 4v2h7v-2z",
            Area::Funds => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15.9V19h-2v-1.1c-1.7-.3-3-1.4-3.1-3h2c.1.8.9 1.4 2.1 1.4 1.3 0 2-.6 2-1.3 0-.8-.6-1.2-2.4-1.6-2.2-.5-3.4-1.3-3.4-3 0-1.5 1.1-2.5 2.8-2.8V6.5h2v1.1c1.6.3 2.6 1.4 2.7 2.8h-2c-.1-.7-.7-1.2-1.7-1.2-1.1 0-1.7.5-1.7 1.2 0 .7.6 1 2.3 1.4 2.2.5 3.5 1.3 3.5 3.1 0 1.6-1.2 2.7-3.1 3z",
            Area::Revenue => "M3 3h2v16h16v2H3zm4 10l4-4 3 3 5-6 1.5 1.3L14 15l-3-3-2.6 2.6z",
            Area::Deals => "M12 3l9 9-9 9-9-9zm0 4.2L7.2 12 12 16.8 16.8 12z",
            Area::Leads => "M2 4h20l-8 9v6l-4 2v-8z",
            Area::Products => "M12 2l9 5v10l-9 5-9-5V7zm0 2.3L5.5 8 12 11.6 18.5 8zM5 9.7v6.1l6 3.4v-6.1zm14 0l-6 3.4v6.1l6-3.4z",
            Area::Tiers => "M12 2l2.9 6.3 6.9.7-5.2 4.6 1.5 6.8L12 17l-6.1 3.4 1.5-6.8L2.2 9l6.9-.7z",
            Area::Users => "M12 12a5 5 0 1 1 0-10 5 5 0 0 1 0 10zm-9 10v-2a7 7 0 0 1 7-7h4a7 7 0 0 1 7 7v2z",
            Area::BackgroundWork => "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1 5v6l5 3 1-1.7-4-2.4V7z",
        }
    }
}

/// The phone tabs before "More", in order: what each role opens most.
fn tabs_for(role: Role) -> [Area; 4] {
    match role {
        Role::VendorAdmin | Role::ChannelManager => {
            [Area::Home, Area::Partners, Area::Funds, Area::Community]
        }
        Role::MarketingManager => [Area::Home, Area::Marketing, Area::Campaigns, Area::Funds],
        Role::Finance => [Area::Home, Area::Funds, Area::Revenue, Area::Partners],
        Role::PartnerAdmin | Role::PartnerUser => {
            [Area::Home, Area::Funds, Area::Marketing, Area::Campaigns]
        }
    }
}

/// What `user` sees: the phone tabs, and every reachable area (side-bar
/// order) for the side bar; the "More" sheet holds the areas not in tabs.
#[derive(Clone)]
pub struct Navigation {
    pub tabs: Vec<Area>,
    pub all: Vec<Area>,
}

impl Navigation {
    pub fn for_user(user: &CurrentUser) -> Self {
        let all: Vec<Area> = Area::ALL
            .into_iter()
            .filter(|a| a.reachable_by(user))
            .collect();
        let tabs = tabs_for(user.role)
            .into_iter()
            .filter(|a| all.contains(a))
            .collect();
        Navigation { tabs, all }
    }

    pub fn more(&self) -> Vec<Area> {
        self.all
            .iter()
            .copied()
            .filter(|a| !self.tabs.contains(a))
            .collect()
    }

    /// The area `path` belongs to: the longest matching link, so a
    /// partner's own company page is "Company", not "Partners".
    pub fn current(&self, user: &CurrentUser, path: &str) -> Option<Area> {
        self.all
            .iter()
            .map(|a| (*a, a.href(user)))
            .filter(|(_, href)| is_within(path, href))
            .max_by_key(|(_, href)| href.len())
            .map(|(a, _)| a)
    }
}

/// Whether `path` is the page `href` names or one below it; home only for
/// itself.
fn is_within(path: &str, href: &str) -> bool {
    match path.strip_prefix(href) {
        Some(rest) => rest.is_empty() || (href != "/" && rest.starts_with('/')),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> CurrentUser {
        CurrentUser {
            role,
            org_kind: if Role::VENDOR.contains(&role) {
                OrgKind::Vendor
            } else {
                OrgKind::Partner
            },
            organization_id: 41,
            id: 1,
            name: String::new(),
            email: String::new(),
            organization_name: String::new(),
            tenant_name: String::new(),
            brand_color: String::new(),
            locale: "en".into(),
            unread_notifications: 0,
            time_zone: "UTC".into(),
        }
    }

    #[test]
    fn marks_the_area_of_the_path() {
        assert!(is_within("/", "/"));
        assert!(!is_within("/forum", "/"));
        assert!(is_within("/forum", "/forum"));
        assert!(is_within("/forum/topics/7", "/forum"));
        assert!(!is_within("/forums", "/forum"));
        assert!(!is_within("/partners/4", "/partners/41"));
        assert!(is_within("/partners/41/edit", "/partners/41"));
    }

    #[test]
    fn every_role_has_four_tabs_and_the_rest_under_more() {
        for role in Role::ALL {
            let nav = Navigation::for_user(&user(role));
            assert_eq!(nav.tabs.len(), 4, "{role:?}");
            assert_eq!(nav.tabs[0], Area::Home, "{role:?}");
            assert!(nav.tabs.iter().all(|a| nav.all.contains(a)), "{role:?}");
            assert_eq!(nav.tabs.len() + nav.more().len(), nav.all.len());
        }
    }

    #[test]
    fn areas_follow_permissions() {
        let partner_user = Navigation::for_user(&user(Role::PartnerUser));
        assert!(!partner_user.all.contains(&Area::Users));
        assert!(!partner_user.all.contains(&Area::Partners));
        assert!(partner_user.all.contains(&Area::Company));
        let admin = Navigation::for_user(&user(Role::VendorAdmin));
        assert!(admin.all.contains(&Area::Users));
        assert!(admin.all.contains(&Area::Tiers));
        assert!(!admin.all.contains(&Area::Company));
        // Deals: partners register, reviewers decide; marketing and
        // finance do neither.
        assert!(partner_user.all.contains(&Area::Deals));
        assert!(admin.all.contains(&Area::Deals));
        let finance = Navigation::for_user(&user(Role::Finance));
        assert!(!finance.all.contains(&Area::Deals));
        // Leads: partners take them, vendor staff but finance route them.
        assert!(partner_user.all.contains(&Area::Leads));
        assert!(admin.all.contains(&Area::Leads));
        assert!(!finance.all.contains(&Area::Leads));
    }

    #[test]
    fn the_current_area_is_the_closest_link() {
        let partner = user(Role::PartnerAdmin);
        let nav = Navigation::for_user(&partner);
        assert_eq!(nav.current(&partner, "/partners/41"), Some(Area::Company));
        assert_eq!(
            nav.current(&partner, "/funds/requests/3"),
            Some(Area::Funds)
        );
        assert_eq!(nav.current(&partner, "/"), Some(Area::Home));
        assert_eq!(nav.current(&partner, "/account"), None);
    }
}
