//! Market development funds: budgets and allocations (vendor side), fund
//! requests and their review, and the overview pages read.

pub mod budgets;
pub mod claims;
pub mod coop;
pub mod deadlines;
pub mod export;
pub mod overview;
pub mod requests;
pub mod roi;
pub mod settings;
pub mod totals;
pub mod verify;

use crate::ssr::repo::funds::AuditEntry;
use crate::ssr::Actor;
use crate::types::FormErrors;
use chrono::{DateTime, NaiveDate, Utc};

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
            errors.add(field, format!("Enter {label} as a date."));
            None
        }
    }
}

pub(crate) fn audit<'a>(
    actor: &Actor,
    entity: &'a str,
    id: i64,
    action: &'a str,
    detail: &'a str,
    at: DateTime<Utc>,
) -> AuditEntry<'a> {
    AuditEntry {
        tenant_id: actor.tenant_id,
        entity,
        entity_id: id,
        actor_id: actor.user_id,
        action,
        detail,
        at,
    }
}

pub(crate) fn money(minor: i64, currency: &str) -> String {
    crate::types::money::Money::new(minor, currency).format("en")
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
        format!("No partner is called \u{201c}{raw}\u{201d}. Check the spelling, or pick one of the suggestions.")
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
                format!(
                    "Approve between {} and {}.",
                    money(1, currency),
                    money(max, currency)
                ),
            );
            None
        }
        Err(m) => {
            e.add(amount_field, m);
            None
        }
    }
}
