//! Market development funds: budgets and allocations (vendor side), fund
//! requests and their review, and the overview pages read.

pub mod budgets;
pub mod claims;
pub mod coop;
pub mod coop_deals;
pub mod deadlines;
pub mod export;
pub mod overview;
pub mod requests;
pub mod roi;
pub mod settings;
pub mod totals;
pub mod verify;

use crate::error::AppResult;
use crate::ssr::entities::{fund_allocation, fund_budget, fund_request};
use crate::ssr::repo::audit::AuditEntry;
use crate::ssr::scope::tenant_is;
use crate::ssr::Actor;
use crate::tr;
use crate::types::FormErrors;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

/// `YYYY-MM-DD` as sent by `<input type="date">`.
pub(crate) fn date(
    errors: &mut FormErrors,
    field: &str,
    raw: &str,
    label: &str,
) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(field, tr!(funds.enter_date, what = label).to_string());
            None
        }
    }
}

/// A start and an end date, the end not before the start (`backwards`
/// says so otherwise).
pub(crate) fn period(
    errors: &mut FormErrors,
    (starts_raw, ends_raw): (&str, &str),
    backwards: &str,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let starts = date(errors, "starts_on", starts_raw, tr!(funds.what.start));
    let ends = date(errors, "ends_on", ends_raw, tr!(funds.what.end));
    if let (Some(s), Some(t)) = (starts, ends) {
        if t < s {
            errors.add("ends_on", backwards);
        }
    }
    (starts, ends)
}

/// An amount in `currency` above zero; zero after an error.
pub(crate) fn positive_amount(
    errors: &mut FormErrors,
    field: &str,
    raw: &str,
    currency: &str,
) -> i64 {
    match crate::types::money::parse_amount(raw, currency) {
        Ok(0) => {
            errors.add(field, tr!(funds.above_zero));
            0
        }
        Ok(v) => v,
        Err(m) => {
            errors.add(field, m);
            0
        }
    }
}

/// What a line of the funds audit trail is about.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Audited {
    Request(i64),
    Budget(i64),
    /// The program's funds settings.
    Program(i64),
}

impl Audited {
    /// The entity name and id the trail stores (`audit_events.entity`).
    pub(crate) fn key(self) -> (&'static str, i64) {
        match self {
            Audited::Request(id) => (Audited::REQUEST, id),
            Audited::Budget(id) => (Audited::BUDGET, id),
            Audited::Program(id) => ("tenant", id),
        }
    }

    pub(crate) const REQUEST: &'static str = "fund_request";
    pub(crate) const BUDGET: &'static str = "fund_budget";
}

/// Adds `action` on `on` to the audit trail, with what it was and when.
pub(crate) async fn audit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    on: Audited,
    action: &str,
    detail: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let (entity, entity_id) = on.key();
    crate::ssr::repo::audit::record(
        db,
        AuditEntry {
            tenant_id: actor.tenant_id,
            entity,
            entity_id,
            actor_id: actor.user_id,
            action,
            detail,
            at,
        },
    )
    .await?;
    Ok(())
}

/// A fund request the actor may see, with the allocation and budget it
/// draws on, in one query.
pub(crate) async fn request_with_funds(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> AppResult<(
    fund_request::Model,
    fund_allocation::Model,
    fund_budget::Model,
)> {
    let found = crate::ssr::Scope::new(actor)
        .fund_requests()
        .filter(fund_request::Column::Id.eq(id))
        .find_also_related(fund_allocation::Entity)
        .and_also_related(fund_budget::Entity)
        .filter(tenant_is::<fund_allocation::Entity>(actor.tenant_id))
        .filter(tenant_is::<fund_budget::Entity>(actor.tenant_id))
        .one(db)
        .await?;
    match found {
        Some((request, Some(allocation), Some(budget))) => Ok((request, allocation, budget)),
        _ => Err(crate::error::AppError::NotFound),
    }
}

/// Adds the audit line and commits: a change and its line land together.
pub(crate) async fn commit_audited(
    txn: sea_orm::DatabaseTransaction,
    actor: &Actor,
    on: Audited,
    action: &str,
    detail: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    audit(&txn, actor, on, action, detail, at).await?;
    Ok(txn.commit().await?)
}

pub(crate) fn money(minor: i64, currency: &str) -> String {
    crate::types::money::Money::new(minor, currency).format(&crate::ssr::context::locale())
}

/// The message for a partner field that names no visible partner: a picker
/// value (empty, an id, `p:`/`t:`) asks the user to `choose`; typed text is
/// named back so the user can check the spelling.
pub(crate) fn partner_problem(raw: &str, choose: &str) -> String {
    let raw = raw.trim();
    let picked = raw.is_empty()
        || raw.parse::<i64>().is_ok()
        || raw.starts_with("p:")
        || raw.starts_with("t:");
    if picked {
        choose.to_owned()
    } else {
        tr!(funds.no_partner_called, name = raw).to_string()
    }
}

/// The amount a reviewer approves: blank means all of `max`; more than
/// `max` or nothing is refused on `amount_field`, and less than `max`
/// without a reason on `reason_field` (`why_less` says what to write).
pub(crate) fn approved_amount(
    e: &mut FormErrors,
    (amount_field, reason_field): (&str, &str),
    amount_raw: &str,
    reason: &str,
    max: i64,
    currency: &str,
    why_less: &str,
) -> Option<i64> {
    let amount = if amount_raw.trim().is_empty() {
        Ok(max)
    } else {
        crate::types::money::parse_amount(amount_raw, currency)
    };
    match amount {
        Ok(a) if a > 0 && a <= max => {
            if a < max && reason.is_empty() {
                e.add(reason_field, why_less);
            }
            Some(a)
        }
        Ok(_) => {
            e.add(
                amount_field,
                tr!(
                    funds.approve_between,
                    min = money(1, currency),
                    max = money(max, currency)
                )
                .to_string(),
            );
            None
        }
        Err(m) => {
            e.add(amount_field, m);
            None
        }
    }
}
