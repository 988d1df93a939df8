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
    /// What a reviewer decided about a conflict: the earlier registration
    /// stands (first submission wins), or this one may go ahead.
    ConflictResolution in conflict_resolution {
        Upheld => ("upheld", upheld),
        Overridden => ("overridden", overridden),
    }
);

/// A possible clash found while the partner types, as the partner may see
/// it: that the customer is taken, never by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictHint {
    /// Another partner has a live registration of this customer.
    AlreadyRegistered,
    /// The vendor sells to this customer itself.
    ReservedAccount,
}
