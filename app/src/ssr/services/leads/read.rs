//! What the lead pages show (the list is `list`): one lead, masked for a
//! partner until it accepts (company type, region and product only), with
//! every routing decision worded in the reader's language; and the form.

use super::on;
use crate::error::{AppError, AppResult};
use crate::locale;
use crate::ssr::entities::{campaign, certification, lead, lead_routing};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{organizations, users};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{tokens, Actor, AppState, Scope};
use crate::tr;
use crate::types::lead::{
    LeadActions, LeadDetail, LeadForm, LeadStatus, Nearness, RoutingReason, RoutingView,
};
use crate::types::territory::Country;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// A routing decision's reason in the reader's words.
pub fn reason_text(reason: &RoutingReason) -> String {
    match reason {
        RoutingReason::Drawn {
            nearness,
            among,
            chance_pct,
        } => tr!(
            leads.reason_drawn,
            count = *among,
            nearness = nearness_text(*nearness),
            chance = crate::locale::decimal(*chance_pct, 1)
        )
        .to_string(),
        RoutingReason::InTurn { nearness, among } => tr!(
            leads.reason_in_turn,
            count = *among,
            nearness = nearness_text(*nearness)
        )
        .to_string(),
        RoutingReason::NoCandidate { weighed } => {
            tr!(leads.reason_no_candidate, count = *weighed).to_string()
        }
        RoutingReason::ThreeMisses => tr!(leads.reason_three_misses).to_string(),
        RoutingReason::Chosen { note } if note.is_empty() => tr!(leads.reason_chosen).to_string(),
        RoutingReason::Chosen { note } => {
            tr!(leads.reason_chosen_note, note = note.as_str()).to_string()
        }
        RoutingReason::OwnCampaign => tr!(leads.reason_own_campaign).to_string(),
    }
}

fn nearness_text(n: Nearness) -> &'static str {
    n.label()
}

/// Whether the reader sees who the lead is: vendor staff always; a
/// partner once its company (or a reseller it passed the lead to) took it.
fn unmasked(actor: &Actor, row: &lead::Model) -> bool {
    actor.role.is_vendor_staff()
        || matches!(row.status, LeadStatus::Accepted | LeadStatus::Converted)
}

/// The lead form's choices.
pub async fn form(state: &AppState, actor: &Actor) -> AppResult<LeadForm> {
    actor.require(Permission::ManageLeads)?;
    let reader = locale::current();
    let families = Scope::new(actor)
        .product_families()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|f| (f.id.to_string(), f.name_for(reader)))
        .collect();
    let campaigns = in_tenant::<campaign::Entity>(actor.tenant_id)
        .order_by_desc(campaign::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .take(50)
        .map(|c| (c.id.to_string(), c.name))
        .collect();
    Ok(LeadForm {
        key: tokens::issue().0,
        families,
        countries: crate::ssr::countries::options(reader),
        campaigns,
        certifications: in_tenant::<certification::Entity>(actor.tenant_id)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|c| (c.id.to_string(), c.name))
            .collect(),
    })
}

/// One lead the actor may see.
pub async fn detail(state: &AppState, actor: &Actor, id: i64) -> AppResult<LeadDetail> {
    let db = &state.db;
    let row = Scope::channel(actor)
        .leads()
        .filter(lead::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let open = unmasked(actor, &row);
    let reader = locale::current();
    let country_name = Country::parse(&row.country)
        .map(|c| crate::ssr::countries::name(c, reader))
        .unwrap_or_default();
    let names =
        organizations::names(db, actor.tenant_id, row.partner_id.into_iter().collect()).await?;
    let partner_name = names.into_iter().next().map(|(_, n)| n);
    let shown = |v: &str| open.then(|| v.to_owned());
    let (partners, all_partners_listed) = if actor.may(Permission::ManageLeads) {
        organizations::picker(db, Scope::new(actor).partners()).await?
    } else {
        (Vec::new(), true)
    };
    let may = actions(actor, &row);
    let resellers = if may.pass {
        super::super::deals::registrant::resellers(db, actor)
            .await?
            .0
    } else {
        Vec::new()
    };
    let at = now();
    Ok(LeadDetail {
        id: row.id,
        version: row.version,
        company: shown(&row.company),
        contact_name: shown(&row.contact_name),
        contact_email: shown(&row.contact_email),
        contact_phone: shown(&row.contact_phone),
        notes: shown(&row.notes),
        city: shown(&row.city),
        postcode: shown(&row.postcode),
        segment: row.segment.clone(),
        country_name,
        region: row.region.clone(),
        product: family_name(db, &row).await?,
        certification: certification_name(db, &row).await?,
        priority: row.priority,
        source: row.source,
        status: row.status,
        partner_name,
        misses: row.misses,
        accept_due: row.accept_due_at.map(|t| actor.time(t)),
        contact_due: row
            .contact_due_at
            .filter(|_| row.contacted_at.is_none() && row.status == LeadStatus::Accepted)
            .map(|t| actor.time(t)),
        contacted: row.contacted_at.map(|t| actor.time(t)),
        overdue: overdue(&row, at),
        deal_id: row.deal_id,
        routings: if open || actor.role.is_vendor_staff() {
            routings(db, actor, row.id).await?
        } else {
            Vec::new()
        },
        may,
        partners: partners
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect(),
        all_partners_listed,
        resellers,
    })
}

/// Its offer ran out, or its first contact is late.
pub(super) fn overdue(row: &lead::Model, at: chrono::DateTime<chrono::Utc>) -> bool {
    match row.status {
        LeadStatus::Offered => row.accept_due_at.is_some_and(|d| d < at),
        LeadStatus::Accepted => {
            row.contacted_at.is_none() && row.contact_due_at.is_some_and(|d| d < at)
        }
        _ => false,
    }
}

pub(super) async fn family_name(db: &impl ConnectionTrait, row: &lead::Model) -> AppResult<String> {
    use crate::ssr::entities::product_family;
    let Some(id) = row.product_family_id else {
        return Ok(String::new());
    };
    Ok(in_tenant::<product_family::Entity>(row.tenant_id)
        .filter(product_family::Column::Id.eq(id))
        .one(db)
        .await?
        .map(|f| f.name_for(locale::current()))
        .unwrap_or_default())
}

async fn certification_name(db: &impl ConnectionTrait, row: &lead::Model) -> AppResult<String> {
    let Some(id) = row.certification_id else {
        return Ok(String::new());
    };
    Ok(in_tenant::<certification::Entity>(row.tenant_id)
        .filter(certification::Column::Id.eq(id))
        .one(db)
        .await?
        .map(|c| c.name)
        .unwrap_or_default())
}

/// What the reader may do with the lead now.
fn actions(actor: &Actor, row: &lead::Model) -> LeadActions {
    let taker = !actor.role.is_vendor_staff() && actor.may_on(Permission::TakeLeads, on(row));
    let holder = row.partner_id == Some(actor.organization_id);
    let manager = actor.may(Permission::ManageLeads);
    let offered = row.status == LeadStatus::Offered;
    let accepted = row.status == LeadStatus::Accepted;
    let distributes = taker && holder && (offered || accepted);
    LeadActions {
        accept: taker && offered,
        decline: taker && offered,
        contacted: taker && accepted && row.contacted_at.is_none(),
        convert: taker && accepted && actor.may(Permission::RegisterDeals),
        pass: distributes && actor.may(Permission::ViewChannel),
        route: manager && matches!(row.status, LeadStatus::Queued | LeadStatus::Offered),
        close: manager
            && matches!(
                row.status,
                LeadStatus::Queued | LeadStatus::Offered | LeadStatus::Accepted
            ),
    }
}

/// Every routing decision, oldest first, worded for the reader.
async fn routings(
    db: &impl ConnectionTrait,
    actor: &Actor,
    lead_id: i64,
) -> AppResult<Vec<RoutingView>> {
    let rows = in_tenant::<lead_routing::Entity>(actor.tenant_id)
        .filter(lead_routing::Column::LeadId.eq(lead_id))
        .order_by_asc(lead_routing::Column::Id)
        .all(db)
        .await?;
    let people: HashMap<i64, String> = users::names(
        db,
        actor.tenant_id,
        rows.iter().filter_map(|r| r.decided_by).collect(),
    )
    .await?
    .into_iter()
    .collect();
    let orgs: HashMap<i64, String> = organizations::names(
        db,
        actor.tenant_id,
        rows.iter().filter_map(|r| r.partner_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    // A partner reads the decisions that concern it, never the others'
    // scores.
    let staff = actor.role.is_vendor_staff();
    Ok(rows
        .into_iter()
        .filter(|r| staff || r.partner_id == Some(actor.organization_id))
        .map(|r| {
            let reason: Option<RoutingReason> = serde_json::from_str(&r.reason).ok();
            RoutingView {
                at: actor.time(r.decided_at),
                who: r
                    .decided_by
                    .and_then(|id| people.get(&id).cloned())
                    .unwrap_or_else(|| tr!(leads.automatic).to_owned()),
                kind: r.kind,
                partner: r.partner_id.and_then(|id| orgs.get(&id).cloned()),
                reason: reason.as_ref().map(reason_text).unwrap_or_default(),
                candidates: if staff {
                    serde_json::from_str(&r.candidates).unwrap_or_default()
                } else {
                    Vec::new()
                },
            }
        })
        .collect())
}
