//! What the server sends the pages. Dates travel pre-formatted so the wasm
//! bundle carries no calendar code.

use super::tier::CodeName;
use super::{OrgKind, Region, Role, Segment};
use serde::{Deserialize, Serialize};

/// The signed-in user, as the shell needs them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organization_id: i64,
    pub organization_name: String,
    pub org_kind: OrgKind,
    pub tenant_name: String,
    pub brand_color: String,
    /// Language tag for number and money formatting (from the browser).
    pub locale: String,
    /// Unread forum notifications.
    pub unread_notifications: u64,
    /// IANA name of the zone times are shown in.
    pub time_zone: String,
}

/// The program's name and colour, shown before anyone signs in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TenantBrand {
    pub name: String,
    pub brand_color: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerSummary {
    pub id: i64,
    pub name: String,
    pub partner_type: Option<CodeName>,
    pub tier: Option<CodeName>,
    pub region: Option<Region>,
    pub city: String,
    pub country: String,
    pub brand_color: String,
    /// Address of the uploaded logo, if any.
    pub logo_url: Option<String>,
    pub parent_name: Option<String>,
    pub channel_manager_name: Option<String>,
}

/// Directory filters; every field is optional and empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartnerFilter {
    pub q: String,
    pub tier: String,
    pub region: String,
    pub partner_type: String,
    /// Works in this country (a code): somewhere in it, or at `postcode`.
    pub country: String,
    /// With `country`: works at this postcode (a whole-country area or a
    /// prefix it starts with).
    pub postcode: String,
    /// Keyset cursor: the last row of the previous page.
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerList {
    pub items: Vec<PartnerSummary>,
    /// How many match, counted up to a cap.
    pub total: u64,
    /// More than `total` match (the count stopped at its cap).
    pub total_capped: bool,
    pub next_after: Option<String>,
}

/// A record named in a list or picker (a distributor, a manager, a reseller).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdName {
    pub id: i64,
    pub name: String,
}

/// One company on the way up the channel from a partner (the distributor
/// it buys through, that one's, …), and whether the reader may open its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelStep {
    pub id: i64,
    pub name: String,
    pub open: bool,
}

/// The partners that buy through a company: how many there are at every
/// depth (counted up to a cap) and the first of those directly below it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelBelow {
    pub total: u64,
    pub total_capped: bool,
    pub direct: Vec<IdName>,
    /// More partners sit directly below than `direct` lists.
    pub direct_more: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerDetail {
    pub id: i64,
    pub name: String,
    pub partner_type: Option<CodeName>,
    pub tier: Option<CodeName>,
    pub region: Option<Region>,
    pub segment: Option<Segment>,
    /// The companies it buys through, from the top of the channel down to
    /// its direct parent.
    pub buys_through: Vec<ChannelStep>,
    /// The partners that buy through it, as far as the reader sees them.
    pub below: ChannelBelow,
    pub channel_manager: Option<Contact>,
    pub channel_manager_id: Option<i64>,
    pub website: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub brand_color: String,
    pub logo_url: Option<String>,
    pub description: String,
    pub version: i32,
    pub users: Vec<UserRow>,
    /// The signed-in user may edit contact data and branding.
    pub can_edit: bool,
    /// The signed-in user may change tier, type, region and manager.
    pub can_edit_program: bool,
    /// Channel managers to choose from when `can_edit_program`.
    pub managers: Vec<IdName>,
    /// The program's tiers (code, name) when `can_edit_program`.
    pub tiers: Vec<(String, String)>,
    /// The program's partner types (code, name) when `can_edit_program`.
    pub partner_types: Vec<(String, String)>,
    /// Where the partner works.
    pub territory: crate::types::territory::TerritoryView,
    /// Its lead settings, for a partner company (not the vendor).
    pub leads: Option<crate::types::lead::PartnerLeadsView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organization_id: i64,
    pub organization_name: String,
    pub active: bool,
    pub last_sign_in: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub organization_name: String,
    pub expires_on: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgChoice {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserAdmin {
    pub users: Vec<UserRow>,
    pub invitations: Vec<InvitationRow>,
    /// Organisations the signed-in user may invite into.
    pub organizations: Vec<OrgChoice>,
    /// Roles the signed-in user may hand out.
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub email: String,
    pub role: Role,
    pub organization_name: String,
    pub program_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: u64,
}

/// Program overview for vendor staff; a channel manager's covers only the
/// partners assigned to them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VendorDashboard {
    pub partner_count: u64,
    pub by_tier: Vec<Count>,
    pub by_region: Vec<Count>,
    pub by_type: Vec<Count>,
    pub partner_users: u64,
    pub pending_invitations: u64,
    pub unassigned_partners: u64,
    pub never_signed_in: u64,
    pub newest_partners: Vec<PartnerSummary>,
    pub funds: Vec<crate::types::funds::FundsTotal>,
    /// Fund requests waiting for review (for reviewers).
    pub requests_waiting: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerDashboard {
    pub partner: PartnerSummary,
    pub channel_manager: Option<Contact>,
    pub colleagues: u64,
    pub pending_invitations: u64,
    pub profile_gaps: Vec<String>,
    /// The partners that buy through the company, when any do and the
    /// reader may see them.
    pub channel: Option<ChannelBelow>,
    pub funds: Vec<crate::types::funds::FundsTotal>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Dashboard {
    Vendor(VendorDashboard),
    // Boxed: the partner's dashboard is the larger by far.
    Partner(Box<PartnerDashboard>),
}
