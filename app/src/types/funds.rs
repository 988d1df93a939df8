//! Market development funds: the closed sets and the views pages render.

use super::{Choice, Region};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

string_enum!(BudgetKind in budget_kind {
    Marketing => ("marketing", marketing),
    Coop => ("coop", coop),
});

string_enum!(ActivityType in activity_type {
    Event => ("event", event),
    Webinar => ("webinar", webinar),
    TradeShow => ("trade_show", trade_show),
    DigitalAds => ("digital_ads", digital_ads),
    EmailCampaign => ("email_campaign", email_campaign),
    Print => ("print", print),
    Other => ("other", other),
});

string_enum!(
    /// Where a fund request stands.
    RequestStatus in request_status {
        Submitted => ("submitted", submitted),
        ChangesRequested => ("changes_requested", changes_requested),
        Approved => ("approved", approved),
        Rejected => ("rejected", rejected),
        Closed => ("closed", closed),
    }
);

string_enum!(
    /// Where a claim stands.
    ClaimStatus in claim_status {
        Draft => ("draft", draft),
        Submitted => ("submitted", submitted),
        InfoRequested => ("info_requested", info_requested),
        Approved => ("approved", approved),
        Rejected => ("rejected", rejected),
        Paid => ("paid", paid),
    }
);

string_enum!(
    /// Kinds of ledger entries; balances are sums over them.
    LedgerKind in ledger_kind {
        Credit => ("credit", credit),
        Reserve => ("reserve", reserve),
        Release => ("release", release),
        Approve => ("approve", approve),
        Pay => ("pay", pay),
        Expire => ("expire", expire),
        Reverse => ("reverse", reverse),
    }
);

string_enum!(
    /// A reviewer's answer to a fund request.
    RequestDecision in request_decision {
        Approve => ("approve", approve),
        Changes => ("changes", changes),
        Reject => ("reject", reject),
    }
);

string_enum!(
    /// A reviewer's answer to a claim.
    ClaimDecision in claim_decision {
        Approve => ("approve", approve),
        Info => ("info", info),
        Reject => ("reject", reject),
    }
);

/// Balances of one allocation (or a sum of several), all derived from the
/// ledger, in minor units.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balances {
    pub allocated: i64,
    pub reserved: i64,
    pub claimed: i64,
    pub paid: i64,
    pub available: i64,
}

/// Balances summed over the allocations someone can see, per currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FundsTotal {
    pub currency: String,
    pub balances: Balances,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BudgetRow {
    pub id: i64,
    pub name: String,
    pub kind: BudgetKind,
    pub currency: String,
    pub total_minor: i64,
    pub unallocated_minor: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub balances: Balances,
    /// Newest first: creation, allocations, co-op accruals.
    pub history: Vec<AuditRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AllocationRow {
    pub id: i64,
    pub budget_name: String,
    pub currency: String,
    /// Partner name, or "Gold tier pool".
    pub holder: String,
    pub partner_id: Option<i64>,
    pub ends_on: NaiveDate,
    pub balances: Balances,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: i64,
    pub partner_name: String,
    pub title: String,
    pub activity_type: ActivityType,
    pub currency: String,
    pub requested_minor: i64,
    pub approved_minor: Option<i64>,
    pub status: RequestStatus,
    pub starts_on: NaiveDate,
    pub submitted_on: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub id: i64,
    pub partner_id: i64,
    pub partner_name: String,
    pub allocation_id: i64,
    pub allocation_holder: String,
    pub activity_type: ActivityType,
    pub title: String,
    pub description: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub currency: String,
    pub requested_minor: i64,
    pub approved_minor: Option<i64>,
    pub partner_share_minor: i64,
    pub expected_leads: i32,
    pub expected_attendees: i32,
    pub expected_pipeline_minor: i64,
    pub status: RequestStatus,
    pub decision_reason: Option<String>,
    pub version: i32,
    pub allocation_available_minor: i64,
    /// The signed-in user may approve, reject or ask for changes.
    pub can_review: bool,
    /// The signed-in user may edit and resubmit.
    pub can_resubmit: bool,
    pub audit: Vec<AuditRow>,
    /// Last day a claim is accepted (activity end + the program's claim days).
    pub claim_deadline: NaiveDate,
    pub claim: Option<ClaimView>,
    /// The partner may start a claim now.
    pub can_start_claim: bool,
    /// The request may be closed, releasing what is reserved.
    pub can_close: bool,
    /// The campaign this request pays for, with its sends and clicks.
    pub campaign: Option<crate::types::campaign::CampaignProof>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProofFile {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    pub id: i64,
    pub status: ClaimStatus,
    pub actual_minor: i64,
    pub approved_minor: Option<i64>,
    pub actual_leads: i32,
    pub actual_attendees: i32,
    pub actual_pipeline_minor: i64,
    pub results: String,
    pub decision_reason: Option<String>,
    pub paid_on: Option<NaiveDate>,
    pub payment_reference: Option<String>,
    pub version: i32,
    pub files: Vec<ProofFile>,
    /// The partner may edit amounts and proof (draft or info requested).
    pub can_edit: bool,
    pub can_review: bool,
    pub can_pay: bool,
}

/// Results per activity type from approved and paid claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoiRow {
    pub activity_type: ActivityType,
    pub currency: String,
    pub claims: u32,
    pub spent_minor: i64,
    pub leads: i64,
    pub attendees: i64,
    pub pipeline_minor: i64,
    /// Won deal registrations that name one of these activities as their
    /// source, and their value per currency (currency, minor units).
    pub won_deals: u32,
    pub won: Vec<(String, i64)>,
}

/// Filters of the vendor's request list; empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestFilter {
    pub status: Choice<RequestStatus>,
    pub activity_type: Choice<ActivityType>,
    pub region: Choice<Region>,
    pub partner_id: String,
    /// Activities starting on or after this date (YYYY-MM-DD).
    pub from: String,
    /// Activities starting on or before this date (YYYY-MM-DD).
    pub to: String,
}

/// Everything the funds page shows, shaped by role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FundsOverview {
    pub budgets: Vec<BudgetRow>,
    pub allocations: Vec<AllocationRow>,
    pub requests: Vec<RequestRow>,
    /// Requests waiting for the signed-in reviewer.
    pub queue: Vec<RequestRow>,
    /// Requests whose claim waits for the signed-in user: submitted claims
    /// for reviewers, approved claims for finance.
    pub claim_queue: Vec<RequestRow>,
    pub claim_queue_title: String,
    /// Return on the funds per activity type (vendor staff).
    pub roi: Vec<RoiRow>,
    /// Days after an activity ends within which claims are accepted.
    pub claim_days: i32,
    /// The signed-in user may change program settings (vendor admin).
    pub can_configure: bool,
    pub can_manage_budgets: bool,
    pub can_request: bool,
    /// Partners the signed-in user may allocate to or filter by: (id, name),
    /// the first few hundred by name.
    pub partners: Vec<(i64, String)>,
    /// False when the program has more partners than `partners` lists: the
    /// forms then take a typed partner name.
    pub all_partners_listed: bool,
    /// The program's tier pools to allocate to: (`t:<code>`, "Gold tier pool").
    pub tier_pools: Vec<(String, String)>,
    /// A fresh key for the next form, so a double submit creates one record.
    pub form_key: String,
}
