//! Deal registration: where a registration stands, what a reviewer may
//! answer, and why a deal was rejected or lost.

use serde::{Deserialize, Serialize};

string_enum!(
    /// Where a registration stands.
    DealStatus in deal_status {
        Draft => ("draft", draft),
        Submitted => ("submitted", submitted),
        Returned => ("returned", returned),
        Approved => ("approved", approved),
        Rejected => ("rejected", rejected),
        Withdrawn => ("withdrawn", withdrawn),
        Won => ("won", won),
        Lost => ("lost", lost),
        Expired => ("expired", expired),
        Cancelled => ("cancelled", cancelled),
    }
);

impl DealStatus {
    /// A registration that still claims its customer: another partner's
    /// registration of the same customer conflicts with it.
    pub const LIVE: [DealStatus; 3] = [
        DealStatus::Submitted,
        DealStatus::Returned,
        DealStatus::Approved,
    ];

    pub fn is_live(self) -> bool {
        Self::LIVE.contains(&self)
    }

    /// The partner may still change it and send it (again).
    pub fn is_editable(self) -> bool {
        matches!(self, DealStatus::Draft | DealStatus::Returned)
    }
}

string_enum!(
    /// How far the partner has taken the opportunity.
    DealStage in deal_stage {
        Qualifying => ("qualifying", qualifying),
        Proposal => ("proposal", proposal),
        Negotiation => ("negotiation", negotiation),
        Commit => ("commit", commit),
    }
);

string_enum!(
    /// Who found the customer: the partner itself, or the vendor (the
    /// partner fulfils).
    DealOrigin in deal_origin {
        Sourced => ("sourced", sourced),
        Fulfilment => ("fulfilment", fulfilment),
    }
);

string_enum!(
    /// A reviewer's answer to a submitted registration.
    DealDecision in deal_decision {
        Approve => ("approve", approve),
        Return => ("return", return_for_changes),
        Reject => ("reject", reject),
    }
);

string_enum!(
    /// A part of a registration a reviewer can return for changes: the
    /// partner may then change only the parts flagged.
    DealPart in deal_part {
        Customer => ("customer", customer),
        Place => ("place", place),
        Contact => ("contact", contact),
        Products => ("products", products),
        CloseDate => ("close_date", close_date),
        Stage => ("stage", stage),
        Origin => ("origin", origin),
        Competitor => ("competitor", competitor),
        Reference => ("reference", reference),
        Notes => ("notes", notes),
    }
);

impl DealPart {
    /// The parts stored as `customer,contact` (unknown names skipped).
    pub fn parse_list(stored: &str) -> Vec<DealPart> {
        stored.split(',').filter_map(DealPart::parse).collect()
    }

    /// The parts as stored.
    pub fn join(parts: &[DealPart]) -> String {
        parts
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The form's name of its tick box in the reviewer's decision.
    pub fn field(self) -> String {
        format!("parts[{}]", self.as_str())
    }
}

string_enum!(
    /// Why a registration was rejected.
    RejectReason in reject_reason {
        AlreadyRegistered => ("already_registered", already_registered),
        ReservedAccount => ("reserved_account", reserved_account),
        NotQualified => ("not_qualified", not_qualified),
        OutsideProgram => ("outside_program", outside_program),
        MissingInformation => ("missing_information", missing_information),
        Other => ("other", other),
    }
);

string_enum!(
    /// Why an approved deal was lost.
    LostReason in lost_reason {
        Price => ("price", price),
        Competitor => ("competitor", competitor),
        NoDecision => ("no_decision", no_decision),
        Budget => ("budget", budget),
        Timing => ("timing", timing),
        Other => ("other", other),
    }
);

string_enum!(
    /// How an approved deal ended, as the partner (or a reviewer) reports it.
    DealOutcome in deal_outcome {
        Won => ("won", won),
        Lost => ("lost", lost),
        Cancelled => ("cancelled", cancelled),
    }
);

impl DealOutcome {
    pub fn status(self) -> DealStatus {
        match self {
            DealOutcome::Won => DealStatus::Won,
            DealOutcome::Lost => DealStatus::Lost,
            DealOutcome::Cancelled => DealStatus::Cancelled,
        }
    }
}

string_enum!(
    /// What a reviewer decided about a conflict: the earlier registration
    /// stands (first submission wins), or this one may go ahead.
    ConflictResolution in conflict_resolution {
        Upheld => ("upheld", upheld),
        Overridden => ("overridden", overridden),
    }
);

string_enum!(
    /// How long a registration has waited for an answer: the reviewers'
    /// queue by age.
    DealAge in deal_age {
        UnderADay => ("under_1d", under_a_day),
        OneToTwoDays => ("1_2d", one_to_two_days),
        TwoToFiveDays => ("2_5d", two_to_five_days),
        OverFiveDays => ("over_5d", over_five_days),
        Overdue => ("overdue", overdue),
    }
);

impl DealAge {
    /// Waited at least `from` and less than `to` hours (none: no bound);
    /// `Overdue` is read from the decision's due time instead.
    pub fn hours(self) -> (Option<i64>, Option<i64>) {
        match self {
            DealAge::UnderADay => (None, Some(24)),
            DealAge::OneToTwoDays => (Some(24), Some(48)),
            DealAge::TwoToFiveDays => (Some(48), Some(120)),
            DealAge::OverFiveDays => (Some(120), None),
            DealAge::Overdue => (None, None),
        }
    }
}

/// How many registrations wait in one age band; counted up to a cap
/// (`more`: at least that many).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgeCount {
    pub age: DealAge,
    pub count: u64,
    pub more: bool,
}

/// A possible clash found while the partner types, as the partner may see
/// it: that the customer is taken, never by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictHint {
    /// Another partner has a live registration of this customer.
    AlreadyRegistered,
    /// The vendor sells to this customer itself.
    ReservedAccount,
}

/// One registration in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealRow {
    pub id: i64,
    pub customer_name: String,
    pub partner_name: String,
    /// The amount, formatted in the reader's language.
    pub amount: String,
    pub status: DealStatus,
    /// When it was sent, in the reader's time zone; empty for a draft.
    pub submitted: String,
    /// When the decision is due, while one is awaited.
    pub due: Option<String>,
    /// The decision is late.
    pub overdue: bool,
}

/// `/deals`: one page of registrations, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealsPage {
    pub items: Vec<DealRow>,
    /// The id to continue after, when there are more.
    pub next_after: Option<i64>,
    pub can_register: bool,
    pub can_review: bool,
    /// The reader keeps the vendor's named accounts.
    pub can_configure: bool,
    /// For reviewers: the registrations waiting for an answer, by age.
    pub ages: Vec<AgeCount>,
    /// The product families to filter by (id, name).
    pub families: Vec<(String, String)>,
    /// For reviewers: the partners to filter by (id, name), and whether
    /// that is all of them (else the filter takes a typed name).
    pub partners: Vec<(String, String)>,
    pub all_partners_listed: bool,
}

/// One of the vendor's named accounts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedAccountRow {
    pub id: i64,
    pub name: String,
    /// The registrable domain; empty when none was given.
    pub domain: String,
    pub country_name: String,
    pub added: String,
}

/// `/deals/accounts`: the vendor's named accounts and the form's countries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedAccountsPage {
    pub items: Vec<NamedAccountRow>,
    pub countries: Vec<(String, String)>,
}

/// What the registration form offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealForm {
    pub key: String,
    pub families: Vec<(String, String)>,
    pub currencies: Vec<String>,
    pub countries: Vec<(String, String)>,
    /// The registration being changed (a draft or one returned).
    pub existing: Option<DealDetail>,
    /// A distributor's resellers it may register for (id, name), and
    /// whether that is all of them (else the form takes a typed name).
    /// Empty for a company no one buys through, and when changing one.
    pub resellers: Vec<(String, String)>,
    pub all_resellers_listed: bool,
    /// The MDF activities and campaigns it may name as its source
    /// (value, label).
    pub sources: Vec<(String, String)>,
    /// A new registration made from an accepted lead: the lead, and the
    /// values it starts with (field, value).
    pub lead_id: Option<i64>,
    pub prefill: Vec<(String, String)>,
    /// For one returned for changes: the parts the partner may change
    /// (the others are shown, locked). None: all of them.
    pub editable: Option<Vec<DealPart>>,
}

/// A product line as shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineView {
    pub family_id: i64,
    pub family: String,
    pub quantity: i32,
    /// As typed into the form (`25000.00`).
    pub amount_input: String,
    pub amount: String,
}

/// A clash as the reviewer sees it: the other registration beside this
/// one, with the evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictView {
    pub id: i64,
    /// "Another partner's registration" or "Named account".
    pub other: String,
    pub other_customer: String,
    pub other_partner: String,
    pub other_submitted: String,
    pub other_status: Option<DealStatus>,
    /// "domain acme.de, name 0.94".
    pub evidence: String,
    pub resolution: Option<ConflictResolution>,
    pub resolution_reason: Option<String>,
}

/// One line of the registration's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealEvent {
    pub at: String,
    pub who: String,
    pub what: String,
    pub detail: String,
}

/// One comment of a registration's conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub who: String,
    pub at: String,
    /// Sanitised HTML (the forum's renderer).
    pub html: String,
}

/// A file on a registration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealFileView {
    pub id: i64,
    pub name: String,
    pub size_bytes: i64,
    pub who: String,
    pub at: String,
    /// The reader may remove it (its uploader, or a reviewer).
    pub removable: bool,
}

/// What the reader may do with a registration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealActions {
    pub edit: bool,
    pub withdraw: bool,
    pub decide: bool,
    /// Report it won, lost or cancelled (the partner, or a reviewer).
    pub close: bool,
    /// Ask for more protection time (the partner).
    pub ask_extension: bool,
    /// Extend the protection, or decline a request for it (a reviewer).
    pub extend: bool,
    /// More time was asked for and not answered yet.
    pub extension_asked: bool,
    /// Write in its conversation.
    pub comment: bool,
    /// Add files to it.
    pub attach: bool,
}

/// `/deals/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealDetail {
    pub id: i64,
    pub version: i32,
    pub partner_name: String,
    /// The distributor it was registered through (two-tier).
    pub distributor_name: Option<String>,
    /// The MDF activity or campaign that found it, named; and as the
    /// form's select holds it.
    pub sourced_by: Option<String>,
    pub sourced_input: String,
    pub reference: String,
    pub customer_name: String,
    pub website: String,
    pub country: String,
    pub country_name: String,
    pub region: String,
    pub city: String,
    pub postcode: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub currency: String,
    pub amount: String,
    pub lines: Vec<LineView>,
    pub expected_close_on: String,
    pub expected_close_input: String,
    pub stage: DealStage,
    pub origin: DealOrigin,
    pub competitor: String,
    pub notes: String,
    pub status: DealStatus,
    pub submitted: String,
    pub due: Option<String>,
    pub overdue: bool,
    pub reason_code: Option<RejectReason>,
    pub lost_reason: Option<LostReason>,
    pub reason: Option<String>,
    /// Returned for changes: the parts the reviewer flagged.
    pub returned_parts: Vec<DealPart>,
    pub protected_until: Option<String>,
    /// For reviewers: each clash beside this registration.
    pub conflicts: Vec<ConflictView>,
    /// For the partner: the customer may be taken (never by whom).
    pub hint: Option<ConflictHint>,
    pub history: Vec<DealEvent>,
    pub comments: Vec<CommentView>,
    pub files: Vec<DealFileView>,
    /// What the reader may do with it.
    pub may: DealActions,
    /// The close form's default: the registered amount, as typed.
    pub amount_input: String,
}
