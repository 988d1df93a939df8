//! The durable job queue's states.

use serde::{Deserialize, Serialize};

string_enum!(
    /// Where a queued job stands.
    JobStatus in job_status {
        Queued => ("queued", queued),
        Running => ("running", running),
        Done => ("done", done),
        Failed => ("failed", failed),
    }
);

string_enum!(
    /// Work that comes round by itself: each task runs once per tenant and
    /// period (`ssr::jobs::recurring`), whichever instance claims it.
    /// `ClaimDeadlines`: remind partners of claim deadlines and release the
    /// reservations nobody claimed in time.
    RecurringTask in recurring_task {
        ClaimDeadlines => ("claim_deadlines", claim_deadlines),
        NotificationDigest => ("notification_digest", notification_digest),
        DealClocks => ("deal_clocks", deal_clocks),
        LeadClocks => ("lead_clocks", lead_clocks),
    }
);

/// How often a recurring task comes round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cadence {
    Hourly,
    Daily,
}

impl RecurringTask {
    pub fn cadence(self) -> Cadence {
        match self {
            // Deadlines are days; reminders go out once on the day.
            RecurringTask::ClaimDeadlines => Cadence::Daily,
            // One mail a day with what each user chose to hear of daily.
            RecurringTask::NotificationDigest => Cadence::Daily,
            // Review clocks run in hours (two business days).
            RecurringTask::DealClocks => Cadence::Hourly,
            // Offers run out within business hours.
            RecurringTask::LeadClocks => Cadence::Hourly,
        }
    }
}

/// A recurring task's run, as vendor admins see it; times in the reader's
/// zone and language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecurringRunView {
    pub task: RecurringTask,
    /// The day or hour it covers, as stored ("2026-12-06", "2026-12-06T14").
    pub period: String,
    /// The period in the reader's language: "6 Dec 2026".
    pub period_label: String,
    pub status: JobStatus,
    pub queued: String,
    pub started: Option<String>,
    pub finished: Option<String>,
    pub attempts: i32,
    /// What the pass acted on (reminders sent, reservations released).
    pub items: i32,
    /// The last failure's message; empty when it has not failed.
    pub error: String,
}
