//! After approval: the partner (or a reviewer) reports how the deal ended:
//! won, with its final amount written once into the partner revenue ledger
//! (keyed by the deal, so it can never count twice); lost, with a reason;
//! or cancelled. Before the protection ends the partner may ask for more
//! time, which a reviewer grants (another protection period from the later
//! of today and the current end) or declines.

use super::audit;
use super::notify::{self, About, Audience};
use super::review::protection_days;
use crate::error::{AppError, AppResult};
use crate::locale;
use crate::ssr::entities::deal;
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, revenue};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::deal::{DealOutcome, DealStatus, LostReason};
use crate::types::form::check;
use crate::types::money::parse_amount;
use crate::types::notification::NotificationKind;
use crate::types::{Choice, FormErrors};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction};

/// How far back a close date may lie.
const MAX_CLOSED_DAYS_AGO: i64 = 365;

/// The close form as posted.
#[derive(Clone, Debug, Default)]
pub struct Closing {
    pub outcome: Choice<DealOutcome>,
    /// `YYYY-MM-DD`; today when empty.
    pub closed_on: String,
    /// The final amount; the registered one when empty.
    pub amount: String,
    pub lost_reason: Choice<LostReason>,
    pub note: String,
}

/// The outcome once its fields passed.
struct Closed {
    outcome: DealOutcome,
    closed_on: NaiveDate,
    amount_minor: i64,
    lost_reason: Option<LostReason>,
    note: String,
}

/// An approved registration the actor may act on with `permission`, read
/// for writing at `version`.
async fn approved(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: (i64, i32),
    permission: Permission,
) -> AppResult<deal::Model> {
    let state = (DealStatus::Approved, tr!(deals.not_approved));
    super::for_writing(txn, actor, id, permission, state).await
}

/// The partner's own users, or the reviewers of its registrations.
fn closing_permission(actor: &Actor) -> Permission {
    if actor.may(Permission::ReviewDeals) {
        Permission::ReviewDeals
    } else {
        Permission::RegisterDeals
    }
}

/// Reports an approved deal won, lost or cancelled.
pub async fn close(
    state: &AppState,
    actor: &Actor,
    id: (i64, i32),
    closing: &Closing,
) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let row = approved(&txn, actor, id, closing_permission(actor)).await?;
    let closed = validate(actor, &row, closing, at)?;
    let status = closed.outcome.status();
    let mut active: deal::ActiveModel = row.clone().into();
    active.status = Set(status);
    active.closed_at = Set(Some(at));
    active.reason_code = Set(closed.lost_reason.map(|r| r.as_str().to_owned()));
    active.reason = Set((!closed.note.is_empty()).then(|| closed.note.clone()));
    if closed.outcome == DealOutcome::Won {
        active.amount_minor = Set(closed.amount_minor);
    }
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    let row = active.update(&txn).await?;
    let detail = match closed.outcome {
        DealOutcome::Won => {
            count_revenue(&txn, actor, &row, closed.closed_on, at).await?;
            super::read::money(row.amount_minor, &row.currency)
        }
        _ => closed.note,
    };
    audit(&txn, actor, row.id, status.as_str(), &detail, at).await?;
    txn.commit().await?;
    Ok(())
}

/// Writes the won deal's revenue into the ledger, in the month it closed.
async fn count_revenue(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: &deal::Model,
    closed_on: NaiveDate,
    at: DateTime<Utc>,
) -> AppResult<()> {
    revenue::record_won_deal(
        txn,
        revenue::WonDeal {
            tenant_id: row.tenant_id,
            partner_id: row.partner_id,
            deal_id: row.id,
            closed_on,
            currency: &row.currency,
            amount_minor: row.amount_minor,
            created_by: actor.user_id,
            at,
        },
    )
    .await?;
    Ok(())
}

fn validate(actor: &Actor, row: &deal::Model, c: &Closing, at: DateTime<Utc>) -> AppResult<Closed> {
    let mut e = FormErrors::new().with_values(&[
        ("closed_on", &c.closed_on),
        ("amount", &c.amount),
        ("note", &c.note),
    ]);
    let outcome = c
        .outcome
        .require(&mut e, "outcome", tr!(deals.choose_outcome));
    let today = at.with_timezone(&actor.time_zone).date_naive();
    let closed_on = closed_on(&mut e, &c.closed_on, today);
    let amount_minor = if c.amount.trim().is_empty() {
        Some(row.amount_minor)
    } else {
        match parse_amount(&c.amount, &row.currency) {
            Ok(a) if a > 0 => Some(a),
            Ok(_) => {
                e.add("amount", tr!(deals.amount_positive));
                None
            }
            Err(message) => {
                e.add("amount", message);
                None
            }
        }
    };
    let lost_reason = match outcome {
        Some(DealOutcome::Lost) => {
            c.lost_reason
                .require(&mut e, "lost_reason", tr!(deals.choose_lost_reason))
        }
        _ => None,
    };
    let note = check::optional(&mut e, "note", &c.note, tr!(deals.close_note), 2000);
    match (outcome, closed_on, amount_minor) {
        (Some(outcome), Some(closed_on), Some(amount_minor)) if e.is_empty() => Ok(Closed {
            outcome,
            closed_on,
            amount_minor,
            lost_reason,
            note,
        }),
        _ => Err(AppError::Invalid(e)),
    }
}

/// The day the deal closed: today when left empty, never in the future,
/// at most a year back.
fn closed_on(e: &mut FormErrors, raw: &str, today: NaiveDate) -> Option<NaiveDate> {
    if raw.trim().is_empty() {
        return Some(today);
    }
    match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
        Ok(day) if day <= today && day >= today - Duration::days(MAX_CLOSED_DAYS_AGO) => Some(day),
        Ok(_) => {
            e.add("closed_on", tr!(deals.closed_on_range));
            None
        }
        Err(_) => {
            e.add("closed_on", tr!(deals.close_date_format));
            None
        }
    }
}

/// The partner asks for more protection time, saying why.
pub async fn ask_extension(
    state: &AppState,
    actor: &Actor,
    id: (i64, i32),
    reason: &str,
) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let row = approved(&txn, actor, id, Permission::RegisterDeals).await?;
    let mut e = FormErrors::new().with_values(&[("extension_reason", reason)]);
    let reason = check::required(
        &mut e,
        "extension_reason",
        reason,
        tr!(deals.extension_reason),
        2000,
    );
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    if row.extension_requested_at.is_some() {
        return Err(AppError::Conflict(tr!(deals.extension_pending).into()));
    }
    let mut active: deal::ActiveModel = row.clone().into();
    active.extension_requested_at = Set(Some(at));
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    let row = active.update(&txn).await?;
    audit(&txn, actor, row.id, "extension_asked", &reason, at).await?;
    let about = About {
        kind: NotificationKind::DealExtensionAsked,
        reason: &reason,
        date: row.protected_until,
    };
    notify::tell(&txn, state, &row, Audience::Reviewers, about).await?;
    txn.commit().await?;
    Ok(())
}

/// A reviewer extends the protection by the partner's tier's period (from
/// the later of today and its current end), or declines a request for it.
pub async fn extend(state: &AppState, actor: &Actor, id: (i64, i32), grant: bool) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let row = approved(&txn, actor, id, Permission::ReviewDeals).await?;
    if !grant && row.extension_requested_at.is_none() {
        return Err(AppError::Conflict(tr!(deals.no_extension_asked).into()));
    }
    let today = at.date_naive();
    let mut active: deal::ActiveModel = row.clone().into();
    active.extension_requested_at = Set(None);
    if grant {
        let days = protection_days(&txn, row.tenant_id, row.partner_id).await?;
        let from = row.protected_until.unwrap_or(today).max(today);
        active.protected_until = Set(Some(from + Duration::days(days)));
        active.expiry_reminded_at = Set(None);
    }
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    let row = active.update(&txn).await?;
    let (action, reason) = match (grant, row.protected_until) {
        (true, Some(until)) => (
            "extended",
            tr!(deals.protected_until_date, date = locale::date(until)).to_string(),
        ),
        _ => (
            "extension_declined",
            tr!(deals.extension_declined).to_string(),
        ),
    };
    audit(&txn, actor, row.id, action, &reason, at).await?;
    let about = About {
        kind: NotificationKind::DealDecided,
        reason: &reason,
        date: None,
    };
    notify::tell(&txn, state, &row, Audience::Registrant, about).await?;
    txn.commit().await?;
    Ok(())
}
