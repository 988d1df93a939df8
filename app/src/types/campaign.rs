//! Campaign wire types: states, the contact import preview and the views
//! the campaign pages render.

use super::cobrand::{DesignStatus, TemplateKind};
use serde::{Deserialize, Serialize};

string_enum!(
    CampaignStatus in campaign_status {
        Draft => ("draft", draft),
        Published => ("published", published),
        Paused => ("paused", paused),
        Ended => ("ended", ended),
    }
);

string_enum!(
    /// A partner's send of a campaign: waiting for its time, or called off.
    SendStatus in send_status {
        Scheduled => ("scheduled", scheduled),
        Cancelled => ("cancelled", cancelled),
    }
);

string_enum!(
    /// One campaign e-mail to one contact.
    MessageStatus in message_status {
        Queued => ("queued", queued),
        Delivered => ("delivered", delivered),
        Failed => ("failed", failed),
        Suppressed => ("suppressed", suppressed),
        Cancelled => ("cancelled", cancelled),
    }
);

string_enum!(
    /// What a vendor can do to a campaign's state.
    CampaignMove in campaign_move {
        Publish => ("publish", publish),
        Pause => ("pause", pause),
        Resume => ("resume", resume),
        End => ("end", end),
    }
);

impl CampaignStatus {
    /// The state a move leads to, when it is allowed from this one.
    pub fn after(self, m: CampaignMove) -> Option<CampaignStatus> {
        use CampaignMove as M;
        use CampaignStatus as S;
        match (self, m) {
            (S::Draft, M::Publish) => Some(S::Published),
            (S::Published, M::Pause) => Some(S::Paused),
            (S::Paused, M::Resume) => Some(S::Published),
            (S::Published | S::Paused, M::End) => Some(S::Ended),
            _ => None,
        }
    }

    /// Moves offered from this state, in button order.
    pub fn moves(self) -> Vec<CampaignMove> {
        CampaignMove::ALL
            .iter()
            .copied()
            .filter(|m| self.after(*m).is_some())
            .collect()
    }
}

/// Delivery and engagement counts of some set of campaign e-mails.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SendStats {
    /// Waiting in the queue (scheduled or being retried).
    pub queued: u64,
    /// Left the queue: delivered or given up on.
    pub sent: u64,
    /// Accepted by the mail server (or written to the outbox).
    pub delivered: u64,
    pub failed: u64,
    /// Not sent because the contact had unsubscribed meanwhile.
    pub suppressed: u64,
    pub opened: u64,
    pub clicked: u64,
    pub unsubscribed: u64,
    /// Asked the partner to get in touch (each such answer is a lead).
    pub responded: u64,
}

impl SendStats {
    /// `part` of `whole` as a whole percentage ("–" of nothing).
    pub fn rate(part: u64, whole: u64) -> String {
        match (part * 100 + whole / 2).checked_div(whole) {
            None => "–".into(),
            Some(percent) => format!("{percent}%"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignCard {
    pub id: i64,
    pub name: String,
    pub goal: String,
    pub period: String,
    pub status: CampaignStatus,
    pub audience: String,
    /// For a partner: whether its company has opted in.
    pub joined: bool,
    /// For vendor staff: companies that opted in.
    pub partners: u64,
    pub stats: SendStats,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignsPage {
    pub can_manage: bool,
    pub is_partner: bool,
    pub campaigns: Vec<CampaignCard>,
}

/// A co-branding template offered with a campaign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignAsset {
    pub template_id: i64,
    pub name: String,
    pub kind: TemplateKind,
    /// The partner's design of it, if one exists.
    pub design_id: Option<i64>,
    pub design_status: Option<DesignStatus>,
}

/// One partner's numbers within a campaign (vendor view and CSV).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerResult {
    pub org_id: i64,
    pub org_name: String,
    /// The day they opted in, in the reader's time zone.
    pub joined_at: chrono::NaiveDate,
    pub stats: SendStats,
}

/// One send as its partner sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendView {
    pub id: i64,
    pub subject: String,
    pub scheduled_at: String,
    pub recipients: i32,
    pub cancelled: bool,
    /// Still waiting to start (may be cancelled).
    pub pending: bool,
    pub stats: SendStats,
}

/// Counts per day, for the activity chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub sent: u64,
    pub opened: u64,
    pub clicked: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignDetail {
    pub card: CampaignCard,
    /// The viewer's time zone (IANA name): send times are typed in it.
    pub time_zone: String,
    pub description: String,
    /// The stored texts, for vendor staff who may change the campaign.
    pub texts: Option<crate::types::localized::Texts>,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub tiers: Vec<String>,
    pub types: Vec<String>,
    pub regions: Vec<String>,
    pub email_template_id: Option<i64>,
    pub email_template_name: String,
    pub email_subject: String,
    pub assets: Vec<CampaignAsset>,
    pub social_template_id: Option<i64>,
    pub social_copy: String,
    pub schedule: Vec<String>,
    pub version: i32,
    pub can_manage: bool,
    pub is_partner: bool,
    /// Partner view: the company's e-mail design for this campaign.
    pub email_design: Option<CampaignAsset>,
    pub social_design: Option<CampaignAsset>,
    /// Partner view: contacts that can be mailed (consented, subscribed).
    pub mailable_contacts: u64,
    pub sends: Vec<SendView>,
    /// Partner view: fund requests raised for this campaign.
    pub fund_requests: Vec<(i64, String, String)>,
    /// Vendor view: results per partner company.
    pub partners: Vec<PartnerResult>,
    /// Vendor view: the partner whose activity the chart shows, if one was
    /// picked (else the chart is the whole campaign's).
    pub focus: Option<PartnerResult>,
    pub days: Vec<DayCount>,
}

/// Templates a vendor can attach to a campaign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateChoice {
    pub id: i64,
    pub name: String,
    pub kind: TemplateKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignForm {
    pub detail: Option<CampaignDetail>,
    pub templates: Vec<TemplateChoice>,
    /// The program's tiers and partner types to choose the audience from.
    pub choices: crate::types::tier::AudienceChoices,
}

/// A contact as the contacts page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub company: String,
    pub consent: String,
    pub unsubscribed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactsPage {
    pub contacts: Vec<ContactView>,
    pub total: u64,
    pub mailable: u64,
    /// Id of the last contact shown, for the next page.
    pub next: Option<i64>,
}

string_enum!(
    /// The fields a CSV column can be mapped to.
    ContactField in contact_field {
        Email => ("email", email),
        Name => ("name", name),
        Company => ("company", company),
        Consent => ("consent", consent),
        Ignore => ("ignore", ignore),
    }
);

/// What importing one CSV row would do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRow {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub email: String,
    pub name: String,
    pub company: String,
    /// Why the row will not be imported; none when it will be.
    pub problem: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub columns: Vec<String>,
    /// The mapping used, one field per column.
    pub mapping: Vec<ContactField>,
    pub rows: Vec<ImportRow>,
    pub importable: usize,
    pub rejected: usize,
    /// Set after an import: how many rows were added.
    pub imported: Option<usize>,
}

/// A campaign's results attached to a fund request as proof of performance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignProof {
    pub campaign_id: i64,
    pub name: String,
    pub sends: u64,
    pub stats: SendStats,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_follow_the_lifecycle() {
        use CampaignMove as M;
        use CampaignStatus as S;
        assert_eq!(S::Draft.moves(), vec![M::Publish]);
        assert_eq!(S::Published.moves(), vec![M::Pause, M::End]);
        assert_eq!(S::Paused.moves(), vec![M::Resume, M::End]);
        assert!(S::Ended.moves().is_empty());
        assert_eq!(S::Draft.after(M::End), None);
    }

    #[test]
    fn rates_round_and_handle_zero() {
        assert_eq!(SendStats::rate(1, 3), "33%");
        assert_eq!(SendStats::rate(2, 3), "67%");
        assert_eq!(SendStats::rate(0, 0), "–");
    }
}
