//! What people do with a lead: the partner accepts an offer (and learns
//! who the lead is) or declines it with a reason, records the first
//! contact; a distributor passes it to one of its resellers; vendor staff
//! route it now or to a partner of their choice, or close it. A declined
//! offer routes on; after three misses in a row the lead goes back to the
//! vendor's queue.

use super::route::{self, MAX_MISSES};
use super::{audit, for_writing};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{lead, lead_miss, organization};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, organizations};
use crate::ssr::services::business_clock as clock;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::lead::{DeclineReason, LeadStatus, RoutingKind, RoutingReason};
use crate::types::{Choice, FormErrors};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter};

/// The longest note on a decline, a hand routing or a closing.
const MAX_NOTE: usize = 2_000;

fn note_checked(e: &mut FormErrors, field: &str, note: &str) -> String {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE {
        e.add(field, tr!(leads.note_too_long));
    }
    note.to_owned()
}

/// The partner accepts the lead offered to it: first contact is now due
/// within the program's business hours.
pub async fn accept(state: &AppState, actor: &Actor, id: (i64, i32)) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let states = (&[LeadStatus::Offered][..], tr!(leads.not_offered));
    let row = for_writing(&txn, actor, id, Permission::TakeLeads, states).await?;
    let program = super::program(&txn, actor.tenant_id).await?;
    let hours = u32::try_from(program.lead_contact_hours).unwrap_or(48);
    let due = clock::business_hours_due(at, hours, clock::zone(&program.time_zone));
    let mut active: lead::ActiveModel = row.clone().into();
    active.status = Set(LeadStatus::Accepted);
    active.accepted_at = Set(Some(at));
    active.accepted_by = Set(Some(actor.user_id));
    active.accept_due_at = Set(None);
    active.contact_due_at = Set(Some(due));
    active.misses = Set(0);
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    active.update(&txn).await?;
    audit(&txn, actor, row.id, "accepted", "", at).await?;
    txn.commit().await?;
    Ok(())
}

/// The partner declines the offer, with a reason; the lead routes on.
pub async fn decline(
    state: &AppState,
    actor: &Actor,
    id: (i64, i32),
    reason: &Choice<DeclineReason>,
    note: &str,
) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let states = (&[LeadStatus::Offered][..], tr!(leads.not_offered));
    let row = for_writing(&txn, actor, id, Permission::TakeLeads, states).await?;
    let mut e = FormErrors::new().with_values(&[("note", note)]);
    let reason = match reason {
        Choice::Known(r) if *r != DeclineReason::Expired => Some(*r),
        _ => {
            e.add("reason", tr!(leads.choose_decline_reason));
            None
        }
    };
    let note = note_checked(&mut e, "note", note);
    if reason == Some(DeclineReason::Other) && note.is_empty() {
        e.add("note", tr!(leads.say_why));
    }
    let Some(reason) = reason.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    audit(&txn, actor, row.id, "declined", reason.as_str(), at).await?;
    Box::pin(missed(
        &txn,
        state,
        row,
        reason,
        (Some(actor.user_id), &note),
        at,
    ))
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records the miss of the partner holding the offer and routes the lead
/// on, or back to the vendor's queue after three misses in a row.
pub(super) async fn missed(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: lead::Model,
    reason: DeclineReason,
    (by, note): (Option<i64>, &str),
    at: DateTime<Utc>,
) -> AppResult<lead::Model> {
    let Some(partner) = row.partner_id else {
        return Ok(row);
    };
    lead_miss::ActiveModel {
        tenant_id: Set(row.tenant_id),
        lead_id: Set(row.id),
        partner_id: Set(partner),
        reason: Set(reason),
        note: Set(note.to_owned()),
        created_by: Set(by),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let misses = row.misses + 1;
    let mut active: lead::ActiveModel = row.into();
    active.misses = Set(misses);
    let row = active.update(db).await?;
    let program = super::program(db, row.tenant_id).await?;
    if misses >= MAX_MISSES {
        let decision = super::routing::Decision {
            winner: None,
            reason: RoutingReason::ThreeMisses,
            candidates: Vec::new(),
        };
        return Box::pin(route::apply(db, state, &program, row, decision, None, at)).await;
    }
    Box::pin(route::route(db, state, &program, row, at)).await
}

/// The partner records its first contact with the lead.
pub async fn contacted(state: &AppState, actor: &Actor, id: (i64, i32)) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let states = (&[LeadStatus::Accepted][..], tr!(leads.not_accepted));
    let row = for_writing(&txn, actor, id, Permission::TakeLeads, states).await?;
    if row.contacted_at.is_some() {
        return Err(AppError::Conflict(tr!(leads.already_contacted).into()));
    }
    let mut active: lead::ActiveModel = row.clone().into();
    active.contacted_at = Set(Some(at));
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    active.update(&txn).await?;
    audit(&txn, actor, row.id, "contacted", "", at).await?;
    txn.commit().await?;
    Ok(())
}

/// Vendor staff route a lead now: automatically, or to the partner `raw`
/// names (an id from the picker or a typed name) with a note.
pub async fn route_now(
    state: &AppState,
    actor: &Actor,
    id: (i64, i32),
    partner_raw: &str,
    note: &str,
) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let states = (
        &[LeadStatus::Queued, LeadStatus::Offered][..],
        tr!(leads.not_routable),
    );
    let row = for_writing(&txn, actor, id, Permission::ManageLeads, states).await?;
    let mut e = FormErrors::new().with_values(&[("partner", partner_raw), ("note", note)]);
    let note = note_checked(&mut e, "note", note);
    let scope = Scope::new(actor);
    let chosen = match partner_raw.trim() {
        "" => None,
        raw => match organizations::partner_by_id_or_name(&txn, &scope, raw).await? {
            Some(p) => Some(p.id),
            None => {
                e.add("partner", tr!(leads.no_such_partner));
                None
            }
        },
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let program = super::program(&txn, actor.tenant_id).await?;
    let mut active: lead::ActiveModel = row.clone().into();
    // A person routing starts the count of misses afresh.
    active.misses = Set(0);
    active.version = Set(row.version + 1);
    let row = active.update(&txn).await?;
    let row = match chosen {
        Some(partner) => {
            let decision = route::chosen(&txn, &row, partner, &note, at).await?;
            let by = Some((actor.user_id, RoutingKind::Manual));
            route::apply(&txn, state, &program, row, decision, by, at).await?
        }
        None => route::route(&txn, state, &program, row, at).await?,
    };
    audit(&txn, actor, row.id, "routed", &note, at).await?;
    txn.commit().await?;
    Ok(())
}

/// A distributor passes a lead it holds (offered or accepted) to one of
/// its resellers, who then has the acceptance window to take it.
pub async fn pass(
    state: &AppState,
    actor: &Actor,
    id: (i64, i32),
    reseller_raw: &str,
    note: &str,
) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let states = (
        &[LeadStatus::Offered, LeadStatus::Accepted][..],
        tr!(leads.not_yours_to_pass),
    );
    let row = for_writing(&txn, actor, id, Permission::TakeLeads, states).await?;
    if row.partner_id != Some(actor.organization_id) {
        return Err(AppError::Conflict(tr!(leads.not_yours_to_pass).into()));
    }
    let mut e = FormErrors::new().with_values(&[("reseller", reseller_raw), ("note", note)]);
    let note = note_checked(&mut e, "note", note);
    let resellers = Scope::channel(actor)
        .partners()
        .filter(organization::Column::ParentId.eq(actor.organization_id));
    let reseller = organizations::by_id_or_name(&txn, resellers, reseller_raw).await?;
    if reseller.is_none() {
        e.add("reseller", tr!(leads.not_your_reseller));
    }
    let Some(reseller) = reseller.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let program = super::program(&txn, actor.tenant_id).await?;
    let decision = route::chosen(&txn, &row, reseller.id, &note, at).await?;
    route::record(
        &txn,
        &row,
        RoutingKind::Passed,
        &decision,
        Some(actor.user_id),
        at,
    )
    .await?;
    let row = route::offer(
        &txn,
        state,
        &program,
        row,
        reseller.id,
        Some(actor.organization_id),
        at,
    )
    .await?;
    audit(&txn, actor, row.id, "passed", &reseller.name, at).await?;
    txn.commit().await?;
    Ok(())
}

/// Vendor staff close a lead nobody should work (spam, a duplicate).
pub async fn close(state: &AppState, actor: &Actor, id: (i64, i32), note: &str) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let states = (
        &[
            LeadStatus::Queued,
            LeadStatus::Offered,
            LeadStatus::Accepted,
        ][..],
        tr!(leads.not_open),
    );
    let row = for_writing(&txn, actor, id, Permission::ManageLeads, states).await?;
    let mut e = FormErrors::new().with_values(&[("note", note)]);
    let note = note_checked(&mut e, "note", note);
    if note.is_empty() {
        e.add("note", tr!(leads.say_why_closed));
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let mut active: lead::ActiveModel = row.clone().into();
    active.status = Set(LeadStatus::Closed);
    active.accept_due_at = Set(None);
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    active.update(&txn).await?;
    audit(&txn, actor, row.id, "closed", &note, at).await?;
    txn.commit().await?;
    Ok(())
}

/// The accepted lead `id` as the actor may turn it into a registration.
pub async fn convertible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> AppResult<lead::Model> {
    actor.require(Permission::TakeLeads)?;
    let row = Scope::channel(actor)
        .leads()
        .filter(lead::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.require_on(Permission::TakeLeads, super::on(&row))?;
    if row.status != LeadStatus::Accepted {
        return Err(AppError::Conflict(tr!(leads.not_accepted).into()));
    }
    Ok(row)
}

/// Marks the lead converted into registration `deal_id`, in the
/// registration's transaction.
pub async fn converted(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
    deal_id: i64,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let row = convertible(db, actor, id).await?;
    let mut active: lead::ActiveModel = row.clone().into();
    active.status = Set(LeadStatus::Converted);
    active.deal_id = Set(Some(deal_id));
    active.contacted_at = Set(row.contacted_at.or(Some(at)));
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    active.update(db).await?;
    audit(db, actor, row.id, "converted", &deal_id.to_string(), at).await
}

/// What a registration made from the lead starts with (form field, value).
pub fn prefill(row: &lead::Model) -> Vec<(String, String)> {
    let mut out = vec![
        ("customer_name", row.company.clone()),
        ("country", row.country.clone()),
        ("region", row.region.clone()),
        ("city", row.city.clone()),
        ("postcode", row.postcode.clone()),
        ("contact_name", row.contact_name.clone()),
        ("contact_email", row.contact_email.clone()),
        ("contact_phone", row.contact_phone.clone()),
        ("notes", row.notes.clone()),
        // The vendor found it; the partner fulfils.
        (
            "origin",
            crate::types::deal::DealOrigin::Fulfilment
                .as_str()
                .to_owned(),
        ),
    ];
    if let Some(family) = row.product_family_id {
        out.push(("family_1", family.to_string()));
    }
    out.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}
