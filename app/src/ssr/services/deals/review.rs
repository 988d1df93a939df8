//! The vendor's answer to a submitted registration: approve (protected for
//! the partner's tier's days), return for changes, or reject with a reason.
//! A clash with another partner's earlier registration, or with a named
//! account, blocks approval until the reviewer decides it: the earlier
//! registration stands (this one is rejected), or this one goes ahead with
//! the reason written down. The check runs again at approval, so two
//! registrations of one customer sent at the same moment cannot both win.

use super::audit;
use super::conflicts::{self, Clash, Probe};
use super::notify::{self, About, Audience};
use super::register::record_conflicts;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{deal, deal_conflict, deal_line, organization, tier};
use crate::ssr::permission::Permission;
use crate::ssr::repo::begin_write;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::deal::{ConflictResolution, DealDecision, DealPart, DealStatus, RejectReason};
use crate::types::notification::NotificationKind;
use crate::types::{Choice, FormErrors};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    QueryFilter,
};

/// Protection when the partner's tier names none.
const DEFAULT_PROTECTION_DAYS: i64 = 90;

/// A reviewer's decision as the form posts it.
#[derive(Clone, Debug)]
pub struct Decision {
    pub decision: Choice<DealDecision>,
    pub reason_code: Choice<RejectReason>,
    pub reason: String,
    /// Returning: the parts the partner is to change (the ticked boxes).
    pub parts: Vec<String>,
}

/// A submitted registration the actor may decide, read for writing.
async fn submitted(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    version: i32,
) -> AppResult<deal::Model> {
    let state = (DealStatus::Submitted, tr!(deals.already_decided));
    super::for_writing(txn, actor, (id, version), Permission::ReviewDeals, state).await
}

/// Approves, returns or rejects a submitted registration.
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i32,
    d: &Decision,
) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let row = submitted(&txn, actor, id, version).await?;
    let Checked {
        decision,
        code,
        reason,
        parts,
    } = check(d)?;
    let status = match decision {
        DealDecision::Approve => approve(&txn, actor, &row, at).await?,
        DealDecision::Return => DealStatus::Returned,
        DealDecision::Reject => DealStatus::Rejected,
    };
    let mut active: deal::ActiveModel = row.clone().into();
    active.status = Set(status);
    active.decided_at = Set(Some(at));
    active.decided_by = Set(Some(actor.user_id));
    active.reason_code = Set(code.map(|c| c.as_str().to_owned()));
    active.reason = Set((!reason.is_empty()).then(|| reason.clone()));
    if status == DealStatus::Returned {
        active.returned_fields = Set(DealPart::join(&parts));
    }
    active.version = Set(version + 1);
    active.updated_at = Set(at);
    let row = active.update(&txn).await?;
    audit(&txn, actor, id, status.as_str(), &reason, at).await?;
    let about = About {
        kind: NotificationKind::DealDecided,
        reason: &reason,
        date: None,
    };
    notify::tell(&txn, state, &row, Audience::Registrant, about).await?;
    txn.commit().await?;
    Ok(())
}

/// A decision whose fields passed.
struct Checked {
    decision: DealDecision,
    code: Option<RejectReason>,
    reason: String,
    parts: Vec<DealPart>,
}

/// A rejection needs its reason code; a return, a note and the parts to
/// change.
fn check(d: &Decision) -> AppResult<Checked> {
    let parts = super::returned::ticked(&d.parts);
    let ticked: Vec<String> = parts.iter().map(|p| p.field()).collect();
    let mut values = vec![("reason", d.reason.as_str())];
    values.extend(ticked.iter().map(|f| (f.as_str(), "on")));
    let mut e = FormErrors::new().with_values(&values);
    let decision = d
        .decision
        .require(&mut e, "decision", tr!(deals.choose_decision));
    let reason = d.reason.trim().to_owned();
    let code = match decision {
        Some(DealDecision::Reject) => {
            d.reason_code
                .require(&mut e, "reason_code", tr!(deals.choose_reason))
        }
        _ => None,
    };
    if decision == Some(DealDecision::Return) {
        if reason.is_empty() {
            e.add("reason", tr!(deals.say_what_to_change));
        }
        if parts.is_empty() {
            e.add("parts", tr!(deals.tick_parts));
        }
    }
    if reason.chars().count() > 2000 {
        e.add("reason", tr!(deals.reason_too_long));
    }
    match decision.filter(|_| e.is_empty()) {
        Some(decision) => Ok(Checked {
            decision,
            code,
            reason,
            parts,
        }),
        None => Err(AppError::Invalid(e)),
    }
}

/// Checks again for clashes (a registration sent at the same moment may
/// have landed since), then sets the protection period; refused while a
/// clash is undecided or upheld.
async fn approve(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: &deal::Model,
    at: DateTime<Utc>,
) -> AppResult<DealStatus> {
    let families: Vec<i64> = in_tenant::<deal_line::Entity>(actor.tenant_id)
        .filter(deal_line::Column::DealId.eq(row.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.product_family_id)
        .collect();
    let company = conflicts::company_of(row);
    let found = conflicts::find(
        txn,
        &Probe {
            tenant_id: actor.tenant_id,
            partner_id: row.partner_id,
            company: &company,
            families: &families,
            deal_id: Some(row.id),
        },
    )
    .await?;
    // Only those sent before this one (or the vendor's own) can block it:
    // the first submission wins.
    let earlier: Vec<_> = found
        .into_iter()
        .filter(|f| match f.clash {
            Clash::NamedAccount { .. } => true,
            Clash::Deal {
                id, submitted_at, ..
            } => (submitted_at, id) < (row.submitted_at, row.id),
        })
        .collect();
    record_conflicts(txn, actor.tenant_id, row.id, &earlier, at).await?;
    let blocking = in_tenant::<deal_conflict::Entity>(actor.tenant_id)
        .filter(deal_conflict::Column::DealId.eq(row.id))
        .all(txn)
        .await?
        .into_iter()
        .any(|c| c.resolution != Some(ConflictResolution::Overridden));
    if blocking {
        return Err(AppError::Conflict(tr!(deals.decide_conflict_first).into()));
    }
    let days = protection_days(txn, actor.tenant_id, row.partner_id).await?;
    let today = at.date_naive();
    let mut active: deal::ActiveModel = row.clone().into();
    active.protected_until = Set(Some(today + Duration::days(days)));
    active.update(txn).await?;
    Ok(DealStatus::Approved)
}

/// The partner's tier's protection, in days.
pub(super) async fn protection_days(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    partner_id: i64,
) -> AppResult<i64> {
    let partner = in_tenant::<organization::Entity>(tenant_id)
        .filter(organization::Column::Id.eq(partner_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(code) = partner.tier else {
        return Ok(DEFAULT_PROTECTION_DAYS);
    };
    let tier = in_tenant::<tier::Entity>(tenant_id)
        .filter(tier::Column::Code.eq(code))
        .one(db)
        .await?;
    Ok(tier.map_or(DEFAULT_PROTECTION_DAYS, |t| {
        i64::from(t.deal_protection_days)
    }))
}

/// Decides one clash of a submitted registration: the earlier one stands
/// (this registration is rejected), or this one goes ahead (a reason is
/// required, and kept).
pub async fn resolve_conflict(
    state: &AppState,
    actor: &Actor,
    (id, version): (i64, i32),
    conflict_id: i64,
    resolution: &Choice<ConflictResolution>,
    reason: &str,
) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let row = submitted(&txn, actor, id, version).await?;
    let mut e = FormErrors::new().with_values(&[("resolution_reason", reason)]);
    let resolution = resolution.require(&mut e, "resolution", tr!(deals.choose_resolution));
    let reason = reason.trim().to_owned();
    if resolution == Some(ConflictResolution::Overridden) && reason.is_empty() {
        e.add("resolution_reason", tr!(deals.say_why_override));
    }
    let Some(resolution) = resolution.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let conflict = in_tenant::<deal_conflict::Entity>(actor.tenant_id)
        .filter(deal_conflict::Column::Id.eq(conflict_id))
        .filter(deal_conflict::Column::DealId.eq(id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let named = conflict.named_account_id.is_some();
    let mut active: deal_conflict::ActiveModel = conflict.into();
    active.resolution = Set(Some(resolution));
    active.resolution_reason = Set((!reason.is_empty()).then(|| reason.clone()));
    active.resolved_by = Set(Some(actor.user_id));
    active.resolved_at = Set(Some(at));
    active.update(&txn).await?;
    audit(&txn, actor, id, resolution.as_str(), &reason, at).await?;
    if resolution == ConflictResolution::Upheld {
        let code = if named {
            RejectReason::ReservedAccount
        } else {
            RejectReason::AlreadyRegistered
        };
        let mut active: deal::ActiveModel = row.into();
        active.status = Set(DealStatus::Rejected);
        active.decided_at = Set(Some(at));
        active.decided_by = Set(Some(actor.user_id));
        active.reason_code = Set(Some(code.as_str().to_owned()));
        active.version = Set(version + 1);
        active.updated_at = Set(at);
        let row = active.update(&txn).await?;
        audit(&txn, actor, id, DealStatus::Rejected.as_str(), "", at).await?;
        let about = About {
            kind: NotificationKind::DealDecided,
            reason: code.label(),
            date: None,
        };
        notify::tell(&txn, state, &row, Audience::Registrant, about).await?;
    } else {
        let mut active: deal::ActiveModel = row.into();
        active.version = Set(version + 1);
        active.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The partner withdraws its registration before a decision.
pub async fn withdraw(state: &AppState, actor: &Actor, id: i64, version: i32) -> AppResult<()> {
    actor.require(Permission::RegisterDeals)?;
    let at = now();
    let txn = begin_write(&state.db).await?;
    let row = super::read::readable(actor)
        .filter(deal::Column::Id.eq(id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.require_on(Permission::RegisterDeals, super::on(&row))?;
    if !matches!(
        row.status,
        DealStatus::Draft | DealStatus::Submitted | DealStatus::Returned
    ) {
        return Err(AppError::Conflict(tr!(deals.already_decided).into()));
    }
    if row.version != version {
        return Err(AppError::Conflict(tr!(deals.stale).into()));
    }
    let mut active: deal::ActiveModel = row.into();
    active.status = Set(DealStatus::Withdrawn);
    active.version = Set(version + 1);
    active.updated_at = Set(at);
    active.update(&txn).await?;
    audit(&txn, actor, id, DealStatus::Withdrawn.as_str(), "", at).await?;
    txn.commit().await?;
    Ok(())
}
