//! The portal's one notification model: what a module tells a user (a
//! kind, the details its sentence is made of, a link), and how each user
//! wants to hear of each kind. Sentences are rendered when read, in the
//! reader's language, so a mail goes out in its recipient's.

use crate::locale::{self, Locale};
use crate::tr_in;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

string_enum!(
    /// What happened. Each kind has a sentence, a mail, an area and a
    /// default delivery; a new module adds its kinds here.
    NotificationKind in notification_kind {
        ForumMention => ("forum_mention", forum_mention),
        ForumReply => ("forum_reply", forum_reply),
        ForumAccepted => ("forum_accepted", forum_accepted),
        ForumApproved => ("forum_approved", forum_approved),
        FundsDecided => ("funds_decided", funds_decided),
        FundsClaimDue => ("funds_claim_due", funds_claim_due),
        CampaignLaunched => ("campaign_launched", campaign_launched),
        DealSubmitted => ("deal_submitted", deal_submitted),
        DealDecided => ("deal_decided", deal_decided),
        DealDueSoon => ("deal_due_soon", deal_due_soon),
        DealOverdue => ("deal_overdue", deal_overdue),
        DealExpiring => ("deal_expiring", deal_expiring),
        DealExtensionAsked => ("deal_extension_asked", deal_extension_asked),
        DealComment => ("deal_comment", deal_comment),
        LeadOffered => ("lead_offered", lead_offered),
        LeadContactDue => ("lead_contact_due", lead_contact_due),
        LeadQueued => ("lead_queued", lead_queued),
    }
);

string_enum!(
    /// How a user hears of a kind.
    Delivery in delivery {
        Bell => ("bell", bell),
        MailNow => ("mail", mail),
        Digest => ("digest", digest),
        Off => ("off", off),
    }
);

string_enum!(
    /// The part of the portal a kind belongs to, for the settings page.
    NotificationArea in notification_area {
        Forum => ("forum", forum),
        Funds => ("funds", funds),
        Campaigns => ("campaigns", campaigns),
        Deals => ("deals", deals),
        Leads => ("leads", leads),
    }
);

impl NotificationKind {
    pub fn area(self) -> NotificationArea {
        use NotificationKind::*;
        match self {
            ForumMention | ForumReply | ForumAccepted | ForumApproved => NotificationArea::Forum,
            FundsDecided | FundsClaimDue => NotificationArea::Funds,
            CampaignLaunched => NotificationArea::Campaigns,
            DealSubmitted | DealDecided | DealDueSoon | DealOverdue | DealExpiring
            | DealExtensionAsked | DealComment => NotificationArea::Deals,
            LeadOffered | LeadContactDue | LeadQueued => NotificationArea::Leads,
        }
    }

    /// Whether vendor staff (rather than partners) receive it; the forum's
    /// reach everyone.
    pub fn reaches(self, role: crate::types::Role) -> bool {
        use NotificationKind::*;
        match self {
            ForumMention | ForumReply | ForumAccepted | ForumApproved | DealComment => true,
            DealSubmitted | DealDueSoon | DealOverdue | DealExtensionAsked | LeadQueued => {
                role.is_vendor_staff()
            }
            FundsDecided | FundsClaimDue | CampaignLaunched | DealDecided | DealExpiring
            | LeadOffered | LeadContactDue => !role.is_vendor_staff(),
        }
    }

    /// How a user hears of it until they choose: mail for what asks them
    /// to act or answers them, the bell for the rest.
    pub fn default_delivery(self) -> Delivery {
        use NotificationKind::*;
        match self {
            ForumMention | FundsDecided | FundsClaimDue | CampaignLaunched | DealSubmitted
            | DealDecided | DealDueSoon | DealOverdue | DealExpiring | DealExtensionAsked
            | DealComment | LeadOffered | LeadContactDue | LeadQueued => Delivery::MailNow,
            ForumReply | ForumAccepted | ForumApproved => Delivery::Bell,
        }
    }
}

/// A text in every language the portal speaks, fixed when the notification
/// is written (a campaign's name as each reader would see it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InLanguages(BTreeMap<String, String>);

impl InLanguages {
    pub fn of(text: impl Fn(Locale) -> String) -> Self {
        Self(
            locale::all()
                .iter()
                .map(|l| (locale::code_of(*l).to_owned(), text(*l)))
                .collect(),
        )
    }

    /// The version in `reader`'s language, else any.
    pub fn get(&self, reader: Locale) -> &str {
        self.0
            .get(locale::code_of(reader))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// What a notification's sentence and mail are made of, stored as JSON
/// beside its kind. Names and titles are kept as they were when it was
/// written; dates and enum values are rendered in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Details {
    Forum {
        who: String,
        topic: String,
        /// The post's first lines, for the mail.
        #[serde(default)]
        excerpt: String,
    },
    FundsDecided {
        title: String,
        status: crate::types::funds::RequestStatus,
        #[serde(default)]
        reason: String,
    },
    FundsClaimDue {
        program: String,
        title: String,
        due: NaiveDate,
    },
    Campaign {
        vendor: String,
        name: InLanguages,
        goal: InLanguages,
        audience: InLanguages,
        starts: NaiveDate,
        ends: NaiveDate,
    },
    Deal {
        partner: String,
        customer: String,
        status: crate::types::deal::DealStatus,
        #[serde(default)]
        reason: String,
        /// When the answer is due, or the protection ends.
        #[serde(default)]
        date: Option<NaiveDate>,
    },
    Lead {
        /// Empty in an offer: a partner learns who only once it accepts.
        company: String,
        /// "Manufacturing · Bayern, Germany · Switches".
        summary: InLanguages,
        /// When the offer must be accepted, or the first contact made.
        #[serde(default)]
        date: Option<NaiveDate>,
        /// Why it is back in the queue, worded when written.
        #[serde(default)]
        reason: String,
    },
}

impl Details {
    /// The stored column; an unreadable value reads as an empty forum
    /// line rather than failing the reader's list.
    pub fn parse(column: &str) -> Self {
        serde_json::from_str(column).unwrap_or(Details::Forum {
            who: String::new(),
            topic: String::new(),
            excerpt: String::new(),
        })
    }

    pub fn to_column(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// One line for the bell, the dashboard and a mail's subject, in
    /// `reader`'s language; each kind words it its own way.
    pub fn sentence(&self, kind: NotificationKind, reader: Locale) -> String {
        use NotificationKind::*;
        match self {
            Details::Forum { who, topic, .. } => match kind {
                ForumReply => tr_in!(reader, notify.sentence.forum_reply, who, topic).to_string(),
                ForumAccepted => {
                    tr_in!(reader, notify.sentence.forum_accepted, who, topic).to_string()
                }
                ForumApproved => {
                    tr_in!(reader, notify.sentence.forum_approved, who, topic).to_string()
                }
                _ => tr_in!(reader, notify.sentence.forum_mention, who, topic).to_string(),
            },
            Details::FundsDecided { title, status, .. } => tr_in!(
                reader,
                notify.sentence.funds_decided,
                title,
                status = status.label_in(reader)
            )
            .to_string(),
            Details::FundsClaimDue { title, due, .. } => tr_in!(
                reader,
                notify.sentence.funds_claim_due,
                title,
                date = locale::date_in(reader, *due)
            )
            .to_string(),
            Details::Campaign { vendor, name, .. } => tr_in!(
                reader,
                notify.sentence.campaign_launched,
                vendor,
                campaign = name.get(reader)
            )
            .to_string(),
            Details::Deal {
                partner,
                customer,
                status,
                date,
                ..
            } => match kind {
                DealSubmitted => {
                    tr_in!(reader, notify.sentence.deal_submitted, partner, customer).to_string()
                }
                DealDueSoon | DealOverdue | DealExpiring | DealExtensionAsked => {
                    deal_dated(kind, reader, partner, customer, *date)
                }
                DealComment => tr_in!(reader, notify.sentence.deal_comment, customer).to_string(),
                _ => tr_in!(
                    reader,
                    notify.sentence.deal_decided,
                    customer,
                    status = status.label_in(reader)
                )
                .to_string(),
            },
            Details::Lead {
                company,
                summary,
                date,
                ..
            } => {
                let date = date.map(|d| locale::date_in(reader, d)).unwrap_or_default();
                match kind {
                    LeadOffered => tr_in!(
                        reader,
                        notify.sentence.lead_offered,
                        summary = summary.get(reader),
                        date = &date
                    )
                    .to_string(),
                    LeadContactDue => tr_in!(
                        reader,
                        notify.sentence.lead_contact_due,
                        company,
                        date = &date
                    )
                    .to_string(),
                    _ => tr_in!(reader, notify.sentence.lead_queued, company).to_string(),
                }
            }
        }
    }
}

/// The sentence of a registration's notice that names a date.
fn deal_dated(
    kind: NotificationKind,
    reader: Locale,
    partner: &str,
    customer: &str,
    date: Option<NaiveDate>,
) -> String {
    let date = date.map(|d| locale::date_in(reader, d)).unwrap_or_default();
    let date = date.as_str();
    match kind {
        NotificationKind::DealDueSoon => tr_in!(
            reader,
            notify.sentence.deal_due_soon,
            partner,
            customer,
            date
        )
        .to_string(),
        NotificationKind::DealOverdue => tr_in!(
            reader,
            notify.sentence.deal_overdue,
            partner,
            customer,
            date
        )
        .to_string(),
        NotificationKind::DealExtensionAsked => tr_in!(
            reader,
            notify.sentence.deal_extension_asked,
            partner,
            customer,
            date
        )
        .to_string(),
        _ => tr_in!(reader, notify.sentence.deal_expiring, customer, date).to_string(),
    }
}

/// One notification as its reader sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: NotificationKind,
    pub sentence: String,
    /// Opens it and marks it read: `/notifications/{id}/open`.
    pub href: String,
    pub created_at: String,
    pub unread: bool,
}

/// How the reader hears of one kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreferenceView {
    pub kind: NotificationKind,
    pub delivery: Delivery,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationsPage {
    pub items: Vec<NotificationView>,
    pub unread: u64,
    /// Every kind the reader can receive, in the order the page lists them.
    pub preferences: Vec<PreferenceView>,
}

/// What the home page puts first: the work waiting for the reader (most
/// urgent first), then the few newest unread notifications.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeedsYou {
    pub tasks: Vec<WorkItem>,
    pub items: Vec<NotificationView>,
    pub unread: u64,
}

/// One piece of waiting work, worded for the reader, one tap from where it
/// is done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkItem {
    pub sentence: String,
    pub href: String,
    /// Due within a week, overdue, or waiting on the reader for days.
    pub urgent: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_survive_the_column() {
        let d = Details::FundsClaimDue {
            program: "Acme".into(),
            title: "Trade show".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
        };
        assert_eq!(Details::parse(&d.to_column()), d);
    }

    #[test]
    fn the_migrations_forum_json_reads() {
        let d = Details::parse(r#"{"t":"forum","who":"Ana","topic":"Licensing"}"#);
        assert_eq!(
            d,
            Details::Forum {
                who: "Ana".into(),
                topic: "Licensing".into(),
                excerpt: String::new()
            }
        );
    }

    #[test]
    fn every_area_has_kinds_and_no_kind_starts_off() {
        for area in NotificationArea::ALL {
            assert!(
                NotificationKind::ALL.iter().any(|k| k.area() == *area),
                "{area}"
            );
        }
        for kind in NotificationKind::ALL {
            assert_ne!(kind.default_delivery(), Delivery::Off, "{kind}");
        }
    }
}
