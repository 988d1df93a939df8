//! The registrations' clocks, a recurring pass (`RecurringTask::DealClocks`,
//! hourly): the reviewer is reminded at half time of an answer still
//! awaited and the vendor admins are told once it is late; the partner is
//! reminded two weeks before its protection ends, and an approved
//! registration whose protection has ended expires (not while more time is
//! asked for: the answer to that is the reviewer's). Each step claims its
//! registration with a conditional update in the transaction that writes
//! the notice, so any number of instances may run the pass and each
//! registration is told once.

use super::audit;
use super::notify::{self, About, Audience};
use crate::error::AppResult;
use crate::ssr::entities::{deal, tenant};
use crate::ssr::repo::begin_write;
use crate::ssr::scope::tenant_is;
use crate::ssr::services::business_clock as clock;
use crate::ssr::{Actor, AppState, Scope};
use crate::types::deal::DealStatus;
use crate::types::notification::NotificationKind;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

/// How long before its protection ends the partner is reminded.
pub const EXPIRY_NOTICE_DAYS: i64 = 14;

/// What one pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub half_time: usize,
    pub late: usize,
    pub expiring: usize,
    pub expired: usize,
}

impl Outcome {
    pub fn total(&self) -> usize {
        self.half_time + self.late + self.expiring + self.expired
    }
}

/// One tenant's pass, as of `at`.
pub async fn run_for_tenant(
    state: &AppState,
    t: &tenant::Model,
    at: DateTime<Utc>,
) -> AppResult<Outcome> {
    let today = at.with_timezone(&clock::zone(&t.time_zone)).date_naive();
    let (half_time, late) = answers_awaited(state, t, at).await?;
    let (expiring, expired) = protection(state, t, at, today).await?;
    Ok(Outcome {
        half_time,
        late,
        expiring,
        expired,
    })
}

/// Reminders at half time, and the report of an answer gone late.
async fn answers_awaited(
    state: &AppState,
    t: &tenant::Model,
    at: DateTime<Utc>,
) -> AppResult<(usize, usize)> {
    let system = Actor::system(t.id);
    let waiting = Scope::new(&system)
        .deals()
        .filter(deal::Column::Status.eq(DealStatus::Submitted))
        .filter(deal::Column::BreachReportedAt.is_null())
        .filter(deal::Column::DecisionDueAt.is_not_null())
        .all(&state.db)
        .await?;
    let (mut reminded, mut late) = (0, 0);
    for d in waiting {
        let (Some(sent), Some(due)) = (d.submitted_at, d.decision_due_at) else {
            continue;
        };
        let date = Some(due.with_timezone(&clock::zone(&t.time_zone)).date_naive());
        if due <= at {
            let about = About {
                kind: NotificationKind::DealOverdue,
                reason: "",
                date,
            };
            let mark = deal::Column::BreachReportedAt;
            if claim_and_tell(state, &d, mark, at, Audience::VendorAdmins, about).await? {
                late += 1;
            }
        } else if d.half_time_reminded_at.is_none() && clock::half_time(sent, due) <= at {
            let about = About {
                kind: NotificationKind::DealDueSoon,
                reason: "",
                date,
            };
            let mark = deal::Column::HalfTimeRemindedAt;
            if claim_and_tell(state, &d, mark, at, Audience::Reviewers, about).await? {
                reminded += 1;
            }
        }
    }
    Ok((reminded, late))
}

/// The reminder before the protection ends, and the expiry after.
async fn protection(
    state: &AppState,
    t: &tenant::Model,
    at: DateTime<Utc>,
    today: NaiveDate,
) -> AppResult<(usize, usize)> {
    let system = Actor::system(t.id);
    let ending = Scope::new(&system)
        .deals()
        .filter(deal::Column::Status.eq(DealStatus::Approved))
        .filter(deal::Column::ProtectedUntil.lte(today + Duration::days(EXPIRY_NOTICE_DAYS)))
        .all(&state.db)
        .await?;
    let (mut reminded, mut expired) = (0, 0);
    for d in ending {
        let Some(until) = d.protected_until else {
            continue;
        };
        if until < today {
            if d.extension_requested_at.is_none() && expire(state, &system, &d, at).await? {
                expired += 1;
            }
        } else if d.expiry_reminded_at.is_none() {
            let about = About {
                kind: NotificationKind::DealExpiring,
                reason: "",
                date: Some(until),
            };
            let mark = deal::Column::ExpiryRemindedAt;
            if claim_and_tell(state, &d, mark, at, Audience::Registrant, about).await? {
                reminded += 1;
            }
        }
    }
    Ok((reminded, expired))
}

/// Sets `mark` on the registration if no other pass did, and tells
/// `audience`; false when another pass was first.
async fn claim_and_tell(
    state: &AppState,
    d: &deal::Model,
    mark: deal::Column,
    at: DateTime<Utc>,
    audience: Audience,
    about: About<'_>,
) -> AppResult<bool> {
    let txn = begin_write(&state.db).await?;
    let won = deal::Entity::update_many()
        .col_expr(mark, Expr::value(Some(at)))
        .filter(tenant_is::<deal::Entity>(d.tenant_id))
        .filter(deal::Column::Id.eq(d.id))
        .filter(mark.is_null())
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if won {
        notify::tell(&txn, state, d, audience, about).await?;
        txn.commit().await?;
    }
    Ok(won)
}

/// Ends the protection of an approved registration; false when it changed
/// meanwhile (closed, extended).
async fn expire(
    state: &AppState,
    system: &Actor,
    d: &deal::Model,
    at: DateTime<Utc>,
) -> AppResult<bool> {
    let txn = begin_write(&state.db).await?;
    let still = Condition::all()
        .add(tenant_is::<deal::Entity>(d.tenant_id))
        .add(deal::Column::Id.eq(d.id))
        .add(deal::Column::Status.eq(DealStatus::Approved))
        .add(deal::Column::Version.eq(d.version));
    let won = deal::Entity::update_many()
        .col_expr(deal::Column::Status, Expr::value(DealStatus::Expired))
        .col_expr(
            deal::Column::Version,
            Expr::col(deal::Column::Version).add(1),
        )
        .col_expr(deal::Column::UpdatedAt, Expr::value(at))
        .filter(still)
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if !won {
        return Ok(false);
    }
    audit(&txn, system, d.id, DealStatus::Expired.as_str(), "", at).await?;
    let mut row = d.clone();
    row.status = DealStatus::Expired;
    let about = About {
        kind: NotificationKind::DealDecided,
        reason: "",
        date: None,
    };
    notify::tell(&txn, state, &row, Audience::Registrant, about).await?;
    txn.commit().await?;
    Ok(true)
}
