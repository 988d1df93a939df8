//! Lead distribution: where a lead stands, how it was routed and why, what
//! a partner may see of it before accepting, and the fairness report.

use serde::{Deserialize, Serialize};

string_enum!(
    /// Where a lead stands.
    LeadStatus in lead_status {
        // In the vendor's queue: not routed yet, no one could take it, or
        // three partners in a row missed it.
        Queued => ("queued", queued),
        // Offered to a partner, waiting for it to accept.
        Offered => ("offered", offered),
        Accepted => ("accepted", accepted),
        // A deal registration was made from it.
        Converted => ("converted", converted),
        // Not pursued (spam, a duplicate, no longer wanted).
        Closed => ("closed", closed),
    }
);

string_enum!(
    LeadPriority in lead_priority {
        Low => ("low", low),
        Normal => ("normal", normal),
        High => ("high", high),
    }
);

string_enum!(
    /// How the lead came in.
    LeadSource in lead_source {
        Form => ("form", form),
        Import => ("import", import),
        Campaign => ("campaign", campaign),
    }
);

string_enum!(
    /// Why a partner did not take a lead; `Expired` when its time ran out.
    DeclineReason in decline_reason {
        OutOfTerritory => ("out_of_territory", out_of_territory),
        NoCapacity => ("no_capacity", no_capacity),
        NotQualified => ("not_qualified", not_qualified),
        AlreadyWorking => ("already_working", already_working),
        Spam => ("spam", spam),
        Other => ("other", other),
        Expired => ("expired", expired),
    }
);

impl DeclineReason {
    /// The reasons a partner may give (expiry is the clock's).
    pub fn given() -> impl Iterator<Item = DeclineReason> {
        Self::ALL
            .iter()
            .copied()
            .filter(|r| *r != DeclineReason::Expired)
    }
}

string_enum!(
    /// How a winner is drawn among the nearest candidates.
    RoutingMode in routing_mode {
        // At random, weighted by tier weight × acceptance record × free
        // capacity.
        Weighted => ("weighted", weighted),
        // Strictly in turn: the candidate offered a lead longest ago.
        RoundRobin => ("round_robin", round_robin),
    }
);

string_enum!(
    /// What a routing decision was.
    RoutingKind in routing_kind {
        Automatic => ("automatic", automatic),
        // A channel manager or vendor admin chose the partner.
        Manual => ("manual", manual),
        // A distributor passed it to one of its resellers.
        Passed => ("passed", passed),
        // Back in the vendor's queue: no candidate, or three misses.
        Queued => ("queued", queued),
    }
);

string_enum!(
    /// How near a partner is to a lead, nearest first: its territory names
    /// the postcode, it sits in the lead's city or serves it by radius, its
    /// territory names the region, or the country.
    Nearness in lead_nearness {
        Postcode => ("postcode", postcode),
        Nearby => ("nearby", nearby),
        Region => ("region", region),
        Country => ("country", country),
    }
);

string_enum!(
    /// Why a partner was not eligible for a lead.
    Exclusion in lead_exclusion {
        NoLeadWeight => ("no_lead_weight", no_lead_weight),
        NotSpecialised => ("not_specialised", not_specialised),
        NotCertified => ("not_certified", not_certified),
        Declined => ("declined", declined),
        AtCapacity => ("at_capacity", at_capacity),
        Paused => ("paused", paused),
        OutsideTerritory => ("outside_territory", outside_territory),
    }
);

/// One partner weighed for a lead, as the decision keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub partner_id: i64,
    pub name: String,
    pub nearness: Option<Nearness>,
    /// Kilometres from the lead, when both places have coordinates.
    pub distance_km: Option<u32>,
    pub tier_weight: i32,
    /// Leads accepted of those offered (a newcomer counts as 100).
    pub acceptance_pct: u32,
    /// Leads it can still take in the 30 days (None: no limit).
    pub free_capacity: Option<u32>,
    /// Its weight in the draw (tier weight × acceptance × free capacity).
    pub score: f64,
    pub excluded: Option<Exclusion>,
}

/// Why a routing decision went as it did; kept as data and worded in the
/// reader's language when shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RoutingReason {
    /// Drawn at random, by weight, among the `among` nearest candidates;
    /// the winner's chance was `chance_pct`.
    Drawn {
        nearness: Nearness,
        among: u32,
        chance_pct: f64,
    },
    /// Next in turn (offered a lead longest ago) among the nearest.
    InTurn { nearness: Nearness, among: u32 },
    /// No partner is eligible (`weighed` were considered).
    NoCandidate { weighed: u32 },
    /// Three offers in a row were declined or ran out.
    ThreeMisses,
    /// Chosen by a person, with their note.
    Chosen { note: String },
    /// The contact answered the partner's own campaign e-mail, so the
    /// partner that sent it is offered the lead first.
    OwnCampaign,
}

/// One routing decision as the lead's page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoutingView {
    pub at: String,
    /// Who decided ("automatic" when the portal did).
    pub who: String,
    pub kind: RoutingKind,
    pub partner: Option<String>,
    pub reason: String,
    pub candidates: Vec<Candidate>,
}

/// One lead in a list. Before a partner accepts it, it sees the kind of
/// company, where and what, never who.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadRow {
    pub id: i64,
    /// The company's name; None while the reader may not see it.
    pub company: Option<String>,
    pub segment: String,
    pub place: String,
    pub product: String,
    pub priority: LeadPriority,
    pub status: LeadStatus,
    pub partner_name: String,
    pub created: String,
    /// When an offer must be accepted, or the first contact made.
    pub due: Option<String>,
    pub overdue: bool,
}

/// `/leads`: the vendor's leads, or a partner's inbox, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadsPage {
    pub items: Vec<LeadRow>,
    pub next_after: Option<i64>,
    /// Vendor staff: enter, import, route and close leads.
    pub can_manage: bool,
    /// Vendor admins: the program's lead settings.
    pub can_configure: bool,
    /// Leads waiting in the vendor's queue (up to 100, `queue_more` beyond).
    pub queued: u64,
    pub queue_more: bool,
    /// For a partner: offers waiting for its answer.
    pub offers: Vec<LeadRow>,
    pub families: Vec<(String, String)>,
    pub countries: Vec<(String, String)>,
    pub partners: Vec<(String, String)>,
    pub all_partners_listed: bool,
}

/// What the reader may do with a lead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadActions {
    pub accept: bool,
    pub decline: bool,
    /// Record the first contact.
    pub contacted: bool,
    /// Turn it into a deal registration.
    pub convert: bool,
    /// A distributor passes it to one of its resellers.
    pub pass: bool,
    /// Vendor staff: route it now (automatically or to a chosen partner).
    pub route: bool,
    pub close: bool,
}

/// `/leads/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadDetail {
    pub id: i64,
    pub version: i32,
    /// None while the reader may not see who the lead is.
    pub company: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub notes: Option<String>,
    pub city: Option<String>,
    pub postcode: Option<String>,
    pub segment: String,
    pub country_name: String,
    pub region: String,
    pub product: String,
    /// The certification it requires, named; empty when none.
    pub certification: String,
    pub priority: LeadPriority,
    pub source: LeadSource,
    pub status: LeadStatus,
    pub partner_name: Option<String>,
    pub misses: i32,
    pub accept_due: Option<String>,
    pub contact_due: Option<String>,
    pub contacted: Option<String>,
    pub overdue: bool,
    pub deal_id: Option<i64>,
    /// For vendor staff and the partner holding it: every decision.
    pub routings: Vec<RoutingView>,
    pub may: LeadActions,
    /// For vendor staff routing by hand: the partners (id, name) and
    /// whether that is all of them.
    pub partners: Vec<(String, String)>,
    pub all_partners_listed: bool,
    /// For a distributor: its resellers (id, name).
    pub resellers: Vec<(String, String)>,
}

/// What the lead form offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadForm {
    pub key: String,
    pub families: Vec<(String, String)>,
    pub countries: Vec<(String, String)>,
    pub campaigns: Vec<(String, String)>,
    /// The program's certifications a lead may require (id, name).
    pub certifications: Vec<(String, String)>,
}

/// One partner's line in the fairness report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FairnessRow {
    pub partner_id: i64,
    pub partner: String,
    pub tier_weight: i32,
    /// Its share of all offers, and of the summed tier weight of the
    /// partners offered any, in per cent.
    pub offered: u64,
    pub offer_share_pct: f64,
    pub weight_share_pct: f64,
    pub accepted: u64,
    pub declined: u64,
    pub expired: u64,
    pub acceptance_pct: f64,
    /// Mean hours from offer to acceptance.
    pub hours_to_accept: Option<f64>,
    pub converted: u64,
    pub won: u64,
}

/// `/leads/fairness`: offers, acceptance and conversion per partner over
/// the last `days`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FairnessReport {
    pub days: u32,
    pub rows: Vec<FairnessRow>,
    pub total_offered: u64,
    /// More partners had offers than the report lists.
    pub truncated: bool,
}

/// `/leads/settings`: the program's lead clocks and draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadSettings {
    pub accept_hours: i32,
    pub contact_hours: i32,
    pub routing: RoutingMode,
}

/// A partner's lead card on its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerLeadsView {
    pub capacity_30d: Option<i32>,
    pub paused_until: Option<String>,
    pub paused_input: String,
    /// The families it specialises in (id, name), and all of the program's.
    pub families: Vec<i64>,
    pub all_families: Vec<(String, String)>,
    /// Vendor staff set capacity and specialisations.
    pub can_configure: bool,
    /// The partner's admin pauses and resumes.
    pub can_pause: bool,
}
