//! Deal registration: the conflict check a partner sees while typing
//! (that a customer is taken, never by whom) and the vendor's named
//! accounts it checks against; registering (`register`), deciding
//! (`review`), its clocks (`clocks`, on `services::business_clock`).

pub mod accounts;
pub mod clocks;
pub mod close;
pub mod comments;
pub mod conflicts;
pub mod files;
pub mod list;
mod notify;
pub mod read;
pub mod register;
pub mod registrant;
pub mod returned;
pub mod review;
pub mod sourcing;

use crate::error::{AppError, AppResult};
use crate::ssr::company_match::{registrable_domain, Company};
use crate::ssr::entities::{deal, exchange_rate, tenant};
use crate::ssr::permission::{On, Permission};
use crate::ssr::{Actor, AppState};
use crate::types::deal::{ConflictHint, DealStatus};
use chrono::{DateTime, Utc};
use conflicts::{Clash, Probe};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, QueryFilter, QuerySelect};

/// Registration `id` as the actor may change it with `permission`: it must
/// still be in `status` (else `not_now` is the answer) and at `version`.
pub(crate) async fn for_writing(
    txn: &DatabaseTransaction,
    actor: &Actor,
    (id, version): (i64, i32),
    permission: Permission,
    (status, not_now): (DealStatus, &'static str),
) -> AppResult<deal::Model> {
    actor.require(permission)?;
    let row = read::readable(actor)
        .filter(deal::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.require_on(permission, on(&row))?;
    if row.status != status {
        return Err(AppError::Conflict(not_now.into()));
    }
    if row.version != version {
        return Err(AppError::Conflict(crate::tr!(deals.stale).into()));
    }
    Ok(row)
}

/// The record a permission is asked about: the registering partner, and
/// the distributor it registered through (who acts on it too).
pub(crate) fn on(row: &deal::Model) -> On {
    On::Channel {
        company: row.partner_id,
        distributor: row.distributor_id,
    }
}

/// What the audit trail calls a registration (`audit_events.entity`).
pub const AUDITED: &str = "deal";

/// Adds `action` on registration `deal_id` to the audit trail.
pub(crate) async fn audit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    deal_id: i64,
    action: &str,
    detail: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    crate::ssr::repo::audit::record(
        db,
        crate::ssr::repo::audit::AuditEntry {
            tenant_id: actor.tenant_id,
            entity: AUDITED,
            entity_id: deal_id,
            actor_id: actor.user_id,
            action,
            detail,
            at,
        },
    )
    .await?;
    Ok(())
}

/// The currencies a deal may be registered in: the program's own and those
/// it keeps exchange rates for.
pub(crate) async fn currencies(
    db: &impl ConnectionTrait,
    program: &tenant::Model,
) -> AppResult<Vec<String>> {
    let mut codes: Vec<String> = crate::ssr::scope::in_tenant::<exchange_rate::Entity>(program.id)
        .select_only()
        .column(exchange_rate::Column::Currency)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    codes.retain(|c| *c != program.currency);
    codes.insert(0, program.currency.clone());
    Ok(codes)
}

/// The customer fields of the registration form, as typed so far.
#[derive(Clone, Debug, Default)]
pub struct CustomerInput {
    pub name: String,
    /// A website, or the contact's e-mail address.
    pub website: String,
    pub contact_email: String,
    pub country: String,
    pub city: String,
    pub postcode: String,
    /// The product families chosen so far.
    pub families: Vec<i64>,
}

impl CustomerInput {
    /// The customer as the matcher reads it: the website's domain, or the
    /// contact's when no website is given.
    pub fn company(&self) -> Company {
        let mut company = Company::new(
            &self.name,
            &self.website,
            &self.country,
            &self.city,
            &self.postcode,
        );
        if company.domain.is_none() {
            company.domain = registrable_domain(&self.contact_email);
        }
        company
    }
}

/// What the partner is told while typing: whether the customer is already
/// registered by another partner, or reserved by the vendor. Who holds it
/// is never said.
pub async fn check_customer(
    state: &AppState,
    actor: &Actor,
    input: &CustomerInput,
) -> AppResult<Vec<ConflictHint>> {
    actor.require(Permission::RegisterDeals)?;
    let company = input.company();
    let found = conflicts::find(
        &state.db,
        &Probe {
            tenant_id: actor.tenant_id,
            partner_id: actor.organization_id,
            company: &company,
            families: &input.families,
            deal_id: None,
        },
    )
    .await?;
    let mut hints: Vec<ConflictHint> = found
        .iter()
        .map(|f| match f.clash {
            Clash::NamedAccount { .. } => ConflictHint::ReservedAccount,
            Clash::Deal { .. } => ConflictHint::AlreadyRegistered,
        })
        .collect();
    hints.dedup();
    Ok(hints)
}
