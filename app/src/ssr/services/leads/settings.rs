//! Lead settings: the program's (business hours to accept an offer and
//! to first contact a lead, how the winner is drawn), and each partner's
//! (its capacity per 30 days and the product families it specialises in,
//! kept by vendor staff; its pause, set by its own admin).

use crate::error::{AppError, AppResult};
use crate::locale;
use crate::ssr::entities::{lead_partner, organization, partner_family, tenant};
use crate::ssr::permission::{On, Permission};
use crate::ssr::repo::begin_write;
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::lead::{LeadSettings, PartnerLeadsView, RoutingMode};
use crate::types::{Choice, FormErrors};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// The longest window either clock may have, in business hours.
const MAX_HOURS: i32 = 240;
/// The most leads a capacity may allow per 30 days.
const MAX_CAPACITY: i32 = 10_000;
/// How far ahead a pause may run.
const MAX_PAUSE_DAYS: i64 = 366;

pub async fn program(state: &AppState, actor: &Actor) -> AppResult<LeadSettings> {
    actor.require(Permission::ConfigureLeads)?;
    let t = super::program(&state.db, actor.tenant_id).await?;
    Ok(LeadSettings {
        accept_hours: t.lead_accept_hours,
        contact_hours: t.lead_contact_hours,
        routing: t.lead_routing,
    })
}

/// A whole number of hours within 1..=[`MAX_HOURS`], or a message.
fn hours(e: &mut FormErrors, field: &str, raw: &str) -> Option<i32> {
    let value = raw
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|h| (1..=MAX_HOURS).contains(h));
    if value.is_none() {
        e.add(field, tr!(leads.hours_range, max = MAX_HOURS).to_string());
    }
    value
}

pub async fn save_program(
    state: &AppState,
    actor: &Actor,
    accept_hours: &str,
    contact_hours: &str,
    routing: &Choice<RoutingMode>,
) -> AppResult<()> {
    actor.require(Permission::ConfigureLeads)?;
    let mut e = FormErrors::new().with_values(&[
        ("accept_hours", accept_hours),
        ("contact_hours", contact_hours),
        ("routing", &routing.raw()),
    ]);
    let accept = hours(&mut e, "accept_hours", accept_hours);
    let contact = hours(&mut e, "contact_hours", contact_hours);
    let routing = routing.require(&mut e, "routing", tr!(leads.choose_routing));
    let (Some(accept), Some(contact), Some(routing)) = (accept, contact, routing) else {
        return Err(AppError::Invalid(e));
    };
    let t = super::program(&state.db, actor.tenant_id).await?;
    let mut active: tenant::ActiveModel = t.into();
    active.lead_accept_hours = Set(accept);
    active.lead_contact_hours = Set(contact);
    active.lead_routing = Set(routing);
    active.update(&state.db).await?;
    Ok(())
}

/// The partner's lead card, as the actor (who could see the partner) may
/// read it.
pub async fn partner_view(
    db: &impl ConnectionTrait,
    actor: &Actor,
    org: &organization::Model,
) -> AppResult<PartnerLeadsView> {
    let setting = setting(db, actor.tenant_id, org.id).await?;
    let families = in_tenant::<partner_family::Entity>(actor.tenant_id)
        .filter(partner_family::Column::PartnerId.eq(org.id))
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.product_family_id)
        .collect();
    let reader = locale::current();
    let all_families = Scope::new(actor)
        .product_families()
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id.to_string(), f.name_for(reader)))
        .collect();
    let paused = setting
        .as_ref()
        .and_then(|s| s.paused_until)
        .filter(|d| *d >= now().date_naive());
    Ok(PartnerLeadsView {
        capacity_30d: setting.as_ref().and_then(|s| s.capacity_30d),
        paused_until: paused.map(locale::date),
        paused_input: paused.map(|d| d.to_string()).unwrap_or_default(),
        families,
        all_families,
        can_configure: actor.may_on(Permission::ManageLeads, On::Company(org.id)),
        can_pause: actor.may_on(Permission::PauseLeads, On::Company(org.id)),
    })
}

async fn setting(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    partner_id: i64,
) -> AppResult<Option<lead_partner::Model>> {
    Ok(in_tenant::<lead_partner::Entity>(tenant_id)
        .filter(lead_partner::Column::PartnerId.eq(partner_id))
        .one(db)
        .await?)
}

/// The partner `id` the actor may act on with `permission`.
async fn partner(
    state: &AppState,
    actor: &Actor,
    id: i64,
    permission: Permission,
) -> AppResult<organization::Model> {
    actor.require(permission)?;
    let org = Scope::new(actor)
        .partners()
        .filter(organization::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.require_on(permission, On::Company(org.id))?;
    Ok(org)
}

/// Writes the partner's settings row, creating it on first use.
async fn upsert(
    db: &impl ConnectionTrait,
    actor: &Actor,
    partner_id: i64,
    change: impl FnOnce(&mut lead_partner::ActiveModel),
) -> AppResult<()> {
    let at = now();
    let mut active = match setting(db, actor.tenant_id, partner_id).await? {
        Some(row) => row.into(),
        None => lead_partner::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            partner_id: Set(partner_id),
            capacity_30d: Set(None),
            paused_until: Set(None),
            ..Default::default()
        },
    };
    change(&mut active);
    active.updated_by = Set(actor.user_id);
    active.updated_at = Set(at);
    active.save(db).await?;
    Ok(())
}

/// Vendor staff set a partner's capacity (empty: no limit) and the
/// product families it specialises in (the ticked `families`).
pub async fn save_partner(
    state: &AppState,
    actor: &Actor,
    partner_id: i64,
    capacity: &str,
    families: &[String],
) -> AppResult<()> {
    let org = partner(state, actor, partner_id, Permission::ManageLeads).await?;
    let mut e = FormErrors::new().with_values(&[("capacity", capacity)]);
    let capacity = match capacity.trim() {
        "" => Some(None),
        raw => match raw
            .parse::<i32>()
            .ok()
            .filter(|c| (0..=MAX_CAPACITY).contains(c))
        {
            Some(c) => Some(Some(c)),
            None => {
                e.add(
                    "capacity",
                    tr!(leads.capacity_range, max = MAX_CAPACITY).to_string(),
                );
                None
            }
        },
    };
    let known: Vec<i64> = Scope::new(actor)
        .product_families()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect();
    let chosen: Vec<i64> = families
        .iter()
        .filter_map(|f| f.parse::<i64>().ok())
        .filter(|f| known.contains(f))
        .collect();
    let Some(capacity) = capacity.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let txn = begin_write(&state.db).await?;
    upsert(&txn, actor, org.id, |a| a.capacity_30d = Set(capacity)).await?;
    partner_family::Entity::delete_many()
        .filter(tenant_is::<partner_family::Entity>(actor.tenant_id))
        .filter(partner_family::Column::PartnerId.eq(org.id))
        .exec(&txn)
        .await?;
    let at = now();
    for family in chosen {
        partner_family::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            partner_id: Set(org.id),
            product_family_id: Set(family),
            created_by: Set(actor.user_id),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The partner's admin pauses its leads until a date (empty: resumes).
pub async fn pause(state: &AppState, actor: &Actor, partner_id: i64, until: &str) -> AppResult<()> {
    let org = partner(state, actor, partner_id, Permission::PauseLeads).await?;
    let mut e = FormErrors::new().with_values(&[("paused_until", until)]);
    let today = now().with_timezone(&actor.time_zone).date_naive();
    let until = match until.trim() {
        "" => Some(None),
        raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) if d >= today && d <= today + chrono::Duration::days(MAX_PAUSE_DAYS) => {
                Some(Some(d))
            }
            _ => {
                e.add("paused_until", tr!(leads.pause_range));
                None
            }
        },
    };
    let Some(until) = until.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    upsert(&state.db, actor, org.id, |a| a.paused_until = Set(until)).await
}
