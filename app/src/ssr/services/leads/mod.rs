//! Lead distribution: the vendor's leads come in (`intake`: a form, a CSV
//! import; `responses`: a campaign e-mail's recipient asks to be
//! contacted), are routed to the partner that can take
//! them best (`routing` decides, `route` loads and records), offered within
//! the program's acceptance window and accepted or declined (`respond`),
//! worked and turned into a deal registration; the hourly clocks re-route
//! offers that ran out and remind of first contact (`clocks`). The vendor
//! sees how fairly it went (`fairness`); partners' capacity, pause and
//! specialisations and the program's settings live in `settings`.

pub mod clocks;
pub mod fairness;
pub mod intake;
pub mod list;
mod notify;
pub mod read;
pub mod respond;
pub mod responses;
pub mod route;
pub mod routing;
pub mod settings;

use crate::error::{AppError, AppResult};
use crate::ssr::entities::{lead, tenant};
use crate::ssr::permission::{On, Permission};
use crate::ssr::{Actor, Scope};
use crate::types::lead::LeadStatus;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};

/// What the audit trail calls a lead (`audit_events.entity`).
pub const AUDITED: &str = "lead";

/// Adds `action` on lead `lead_id` to the audit trail.
pub(crate) async fn audit(
    db: &impl ConnectionTrait,
    by: impl Into<intake::Author>,
    lead_id: i64,
    action: &str,
    detail: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let by = by.into();
    crate::ssr::repo::audit::record(
        db,
        crate::ssr::repo::audit::AuditEntry {
            tenant_id: by.tenant_id,
            entity: AUDITED,
            entity_id: lead_id,
            actor_id: by.user_id,
            action,
            detail,
            at,
        },
    )
    .await?;
    Ok(())
}

/// The program, for its lead settings.
pub(crate) async fn program(db: &impl ConnectionTrait, tenant_id: i64) -> AppResult<tenant::Model> {
    tenant::Entity::find_by_id(tenant_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The record a partner's permission is asked about: the company holding
/// the lead, and the distributor that passed it on (which still sees it).
pub(crate) fn on(row: &lead::Model) -> On {
    On::Channel {
        company: row.partner_id.unwrap_or_default(),
        distributor: row.passed_by_id,
    }
}

/// Lead `id` as the actor may change it with `permission`: it must be in
/// one of `states` (else `not_now`) and at `version`.
pub(crate) async fn for_writing(
    txn: &DatabaseTransaction,
    actor: &Actor,
    (id, version): (i64, i32),
    permission: Permission,
    (states, not_now): (&[LeadStatus], &'static str),
) -> AppResult<lead::Model> {
    actor.require(permission)?;
    let row = Scope::channel(actor)
        .leads()
        .filter(lead::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.role.is_vendor_staff() {
        actor.require_on(permission, on(&row))?;
    }
    if !states.contains(&row.status) {
        return Err(AppError::Conflict(not_now.into()));
    }
    if row.version != version {
        return Err(AppError::Conflict(crate::tr!(leads.stale).into()));
    }
    Ok(row)
}
