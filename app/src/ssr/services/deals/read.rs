//! What the deal pages show (the list is `list`): the form, and
//! one registration with its lines, history and, for reviewers, each clash
//! beside it. A partner learns only that its customer may be taken.

use super::register::program;
use super::AUDITED;
use crate::error::{AppError, AppResult};
use crate::locale;
use crate::ssr::entities::{deal, deal_conflict, deal_line, deal_named_account as named};
use crate::ssr::permission::Permission;
use crate::ssr::repo::users;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{tokens, Actor, AppState, Scope};
use crate::types::deal::{
    ConflictHint, ConflictView, DealActions, DealDetail, DealEvent, DealForm, DealPart, DealStatus,
    LineView, LostReason, RejectReason,
};
use crate::types::money::{to_input, Money};
use crate::types::territory::Country;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub(super) fn money(minor: i64, currency: &str) -> String {
    Money::new(minor, currency).format(&crate::ssr::context::locale())
}

/// Organisation names by id, in one query.
pub(super) async fn org_names(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ids: Vec<i64>,
) -> AppResult<HashMap<i64, String>> {
    Ok(
        crate::ssr::repo::organizations::names(db, actor.tenant_id, ids)
            .await?
            .into_iter()
            .collect(),
    )
}

/// The registrations the actor may read: its channel's; a partner's
/// drafts stay its own (and its distributor's, when that wrote them) until
/// sent.
pub(super) fn readable(actor: &Actor) -> sea_orm::Select<deal::Entity> {
    let query = Scope::channel(actor).deals();
    let sent = deal::Column::Status.ne(DealStatus::Draft);
    if actor.role.is_vendor_staff() {
        query.filter(sent)
    } else {
        query.filter(
            Condition::any()
                .add(sent)
                .add(deal::Column::PartnerId.eq(actor.organization_id))
                .add(deal::Column::CreatedBy.eq(actor.user_id)),
        )
    }
}

/// When the decision is due, while one is awaited.
pub(super) fn awaited(d: &deal::Model) -> Option<chrono::DateTime<chrono::Utc>> {
    (d.status == DealStatus::Submitted)
        .then_some(d.decision_due_at)
        .flatten()
}

/// The registration form: a new one (made from the accepted lead `lead`,
/// if given), or the actor's draft or returned registration `id`.
pub async fn form(
    state: &AppState,
    actor: &Actor,
    id: Option<i64>,
    lead: Option<i64>,
) -> AppResult<DealForm> {
    actor.require(Permission::RegisterDeals)?;
    let reader = locale::current();
    let families = Scope::new(actor)
        .product_families()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|f| (f.id.to_string(), f.name_for(reader)))
        .collect();
    let (existing, editable) = match id {
        Some(id) => {
            let d = detail(state, actor, id).await?;
            if !d.may.edit {
                return Err(AppError::Conflict(crate::tr!(deals.not_editable).into()));
            }
            let row = readable(actor)
                .filter(deal::Column::Id.eq(id))
                .one(&state.db)
                .await?
                .ok_or(AppError::NotFound)?;
            let editable = super::returned::editable_parts(&row, super::returned::today(actor));
            (Some(d), editable)
        }
        None => (None, None),
    };
    let prefill = match (id, lead) {
        (None, Some(lead)) => {
            let row =
                crate::ssr::services::leads::respond::convertible(&state.db, actor, lead).await?;
            crate::ssr::services::leads::respond::prefill(&row)
        }
        _ => Vec::new(),
    };
    let (resellers, all_resellers_listed) = match id {
        None => super::registrant::resellers(&state.db, actor).await?,
        Some(_) => (Vec::new(), true),
    };
    Ok(DealForm {
        key: tokens::issue().0,
        families,
        currencies: super::currencies(&state.db, &program(&state.db, actor.tenant_id).await?)
            .await?,
        countries: crate::ssr::countries::options(reader),
        existing,
        resellers,
        all_resellers_listed,
        sources: super::sourcing::options(&state.db, actor).await?,
        lead_id: lead.filter(|_| id.is_none()),
        prefill,
        editable,
    })
}

/// One registration the actor may see.
pub async fn detail(state: &AppState, actor: &Actor, id: i64) -> AppResult<DealDetail> {
    let db = &state.db;
    let d = readable(actor)
        .filter(deal::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let own = actor.may_on(Permission::RegisterDeals, super::on(&d));
    let reviewer = actor.may_on(Permission::ReviewDeals, super::on(&d));
    let (conflicts, hint) = clashes(db, actor, &d, own, reviewer).await?;
    let names = org_names(
        db,
        actor,
        [Some(d.partner_id), d.distributor_id]
            .into_iter()
            .flatten()
            .collect(),
    )
    .await?;
    let country_name = Country::parse(&d.country)
        .map(|c| crate::ssr::countries::name(c, locale::current()))
        .unwrap_or_default();
    let at = now();
    Ok(DealDetail {
        id: d.id,
        version: d.version,
        partner_name: names.get(&d.partner_id).cloned().unwrap_or_default(),
        distributor_name: d.distributor_id.and_then(|id| names.get(&id).cloned()),
        sourced_by: super::sourcing::label(db, &d).await?,
        sourced_input: super::sourcing::Source::of(&d)
            .map(super::sourcing::Source::input)
            .unwrap_or_default(),
        lines: lines(db, actor, &d).await?,
        history: history(db, actor, d.id).await?,
        comments: super::comments::list(db, actor, d.id).await?,
        files: super::files::list(db, actor, &d).await?,
        amount: money(d.amount_minor, &d.currency),
        expected_close_on: locale::date(d.expected_close_on),
        expected_close_input: d.expected_close_on.to_string(),
        submitted: d.submitted_at.map(|t| actor.time(t)).unwrap_or_default(),
        due: awaited(&d).map(|t| actor.time(t)),
        overdue: awaited(&d).is_some_and(|t| t < at),
        reason_code: reject_reason(&d),
        lost_reason: lost_reason(&d),
        returned_parts: returned_parts(&d),
        protected_until: d.protected_until.map(locale::date),
        may: actions(&d, own, reviewer),
        amount_input: to_input(d.amount_minor, &d.currency),
        conflicts,
        hint,
        country_name,
        reference: d.reference,
        customer_name: d.customer_name,
        website: d.customer_website,
        country: d.country,
        region: d.region,
        city: d.city,
        postcode: d.postcode,
        contact_name: d.contact_name,
        contact_email: d.contact_email,
        contact_phone: d.contact_phone,
        currency: d.currency,
        stage: d.stage,
        origin: d.origin,
        competitor: d.competitor,
        notes: d.notes,
        status: d.status,
        reason: d.reason,
    })
}

/// For a reviewer each clash beside it; for its partner whether the
/// customer may be taken.
async fn clashes(
    db: &impl ConnectionTrait,
    actor: &Actor,
    d: &deal::Model,
    own: bool,
    reviewer: bool,
) -> AppResult<(Vec<ConflictView>, Option<ConflictHint>)> {
    let conflicts = if reviewer {
        conflicts(db, actor, d.id).await?
    } else {
        Vec::new()
    };
    let hint = if own {
        partner_hint(db, actor, d.id).await?
    } else {
        None
    };
    Ok((conflicts, hint))
}

/// The parts flagged for change, while it is returned.
fn returned_parts(d: &deal::Model) -> Vec<DealPart> {
    if d.status == DealStatus::Returned {
        DealPart::parse_list(&d.returned_fields)
    } else {
        Vec::new()
    }
}

/// What a partner's own user (`own`) or a reviewer may do with it now.
fn actions(d: &deal::Model, own: bool, reviewer: bool) -> DealActions {
    let approved = d.status == DealStatus::Approved;
    DealActions {
        edit: own && d.status.is_editable(),
        withdraw: own
            && matches!(
                d.status,
                DealStatus::Draft | DealStatus::Submitted | DealStatus::Returned
            ),
        decide: reviewer && d.status == DealStatus::Submitted,
        close: (own || reviewer) && approved,
        ask_extension: own && approved && d.extension_requested_at.is_none(),
        extend: reviewer && approved,
        extension_asked: approved && d.extension_requested_at.is_some(),
        comment: own || reviewer,
        attach: (own || reviewer) && super::files::open(d.status),
    }
}

/// The stored reason code, read as a rejection's (it is a lost deal's
/// once the deal is lost).
fn reject_reason(d: &deal::Model) -> Option<RejectReason> {
    let code = d.reason_code.as_deref()?;
    (d.status == DealStatus::Rejected).then(|| RejectReason::parse(code))?
}

fn lost_reason(d: &deal::Model) -> Option<LostReason> {
    let code = d.reason_code.as_deref()?;
    (d.status == DealStatus::Lost).then(|| LostReason::parse(code))?
}

async fn lines(
    db: &impl ConnectionTrait,
    actor: &Actor,
    d: &deal::Model,
) -> AppResult<Vec<LineView>> {
    use crate::ssr::entities::product_family;
    let rows = in_tenant::<deal_line::Entity>(actor.tenant_id)
        .filter(deal_line::Column::DealId.eq(d.id))
        .order_by_asc(deal_line::Column::Id)
        .all(db)
        .await?;
    let reader = locale::current();
    let families: HashMap<i64, String> = in_tenant::<product_family::Entity>(actor.tenant_id)
        .filter(product_family::Column::Id.is_in(rows.iter().map(|l| l.product_family_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name_for(reader)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|l| LineView {
            family_id: l.product_family_id,
            family: families
                .get(&l.product_family_id)
                .cloned()
                .unwrap_or_default(),
            quantity: l.quantity,
            amount_input: to_input(l.amount_minor, &d.currency),
            amount: money(l.amount_minor, &d.currency),
        })
        .collect())
}

/// Each clash beside the registration, with the evidence, for reviewers.
async fn conflicts(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> AppResult<Vec<ConflictView>> {
    let rows = in_tenant::<deal_conflict::Entity>(actor.tenant_id)
        .filter(deal_conflict::Column::DealId.eq(id))
        .order_by_asc(deal_conflict::Column::Id)
        .all(db)
        .await?;
    let others: HashMap<i64, deal::Model> = in_tenant::<deal::Entity>(actor.tenant_id)
        .filter(deal::Column::Id.is_in(rows.iter().filter_map(|c| c.other_deal_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let accounts: HashMap<i64, named::Model> = in_tenant::<named::Entity>(actor.tenant_id)
        .filter(named::Column::Id.is_in(rows.iter().filter_map(|c| c.named_account_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let names = org_names(db, actor, others.values().map(|d| d.partner_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let other = c.other_deal_id.and_then(|i| others.get(&i));
            let account = c.named_account_id.and_then(|i| accounts.get(&i));
            ConflictView {
                id: c.id,
                other: match account {
                    Some(_) => crate::tr!(deals.named_account).to_owned(),
                    None => crate::tr!(deals.other_registration).to_owned(),
                },
                other_customer: other
                    .map(|d| d.customer_name.clone())
                    .or_else(|| account.map(|a| a.name.clone()))
                    .unwrap_or_default(),
                other_partner: other
                    .and_then(|d| names.get(&d.partner_id).cloned())
                    .unwrap_or_default(),
                other_submitted: other
                    .and_then(|d| d.submitted_at)
                    .map(|t| actor.time(t))
                    .unwrap_or_default(),
                other_status: other.map(|d| d.status),
                evidence: evidence(&c),
                resolution: c.resolution,
                resolution_reason: c.resolution_reason,
            }
        })
        .collect())
}

/// "domain acme.de · name 0.94 · same place", in the reader's words.
fn evidence(c: &deal_conflict::Model) -> String {
    let mut parts = Vec::new();
    if let Some(domain) = &c.domain {
        parts.push(crate::tr!(deals.evidence_domain, domain).to_string());
    }
    let similarity = crate::locale::decimal(f64::from(c.name_similarity_e3) / 1000.0, 2);
    parts.push(crate::tr!(deals.evidence_name, similarity).to_string());
    if c.same_place {
        parts.push(crate::tr!(deals.evidence_place).to_owned());
    }
    parts.join(" · ")
}

/// What the partner may know of a clash: that there is one, not whose.
async fn partner_hint(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> AppResult<Option<ConflictHint>> {
    let rows = in_tenant::<deal_conflict::Entity>(actor.tenant_id)
        .filter(deal_conflict::Column::DealId.eq(id))
        .filter(deal_conflict::Column::Resolution.is_null())
        .all(db)
        .await?;
    Ok(rows.first().map(|c| {
        if c.named_account_id.is_some() {
            ConflictHint::ReservedAccount
        } else {
            ConflictHint::AlreadyRegistered
        }
    }))
}

async fn history(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> AppResult<Vec<DealEvent>> {
    let trail = crate::ssr::repo::audit::trail(db, actor.tenant_id, AUDITED, id).await?;
    let people: HashMap<i64, String> = users::names(
        db,
        actor.tenant_id,
        trail.iter().map(|t| t.actor_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    Ok(trail
        .into_iter()
        .map(|t| DealEvent {
            at: actor.time(t.created_at),
            who: people.get(&t.actor_id).cloned().unwrap_or_default(),
            what: action_label(&t.action),
            detail: t.detail,
        })
        .collect())
}

/// An audit action in the reader's words.
fn action_label(action: &str) -> String {
    match action {
        "saved" => crate::tr!(deals.event_saved).to_owned(),
        "submitted" => crate::tr!(deals.event_submitted).to_owned(),
        "resubmitted" => crate::tr!(deals.event_resubmitted).to_owned(),
        "extension_asked" => crate::tr!(deals.event_extension_asked).to_owned(),
        "commented" => crate::tr!(deals.event_commented).to_owned(),
        "extended" => crate::tr!(deals.event_extended).to_owned(),
        "extension_declined" => crate::tr!(deals.event_extension_declined).to_owned(),
        "expiry_reminded" => crate::tr!(deals.event_expiry_reminded).to_owned(),
        "file_added" => crate::tr!(deals.event_file_added).to_owned(),
        "file_removed" => crate::tr!(deals.event_file_removed).to_owned(),
        other => DealStatus::parse(other)
            .map(|s| s.label().to_owned())
            .or_else(|| {
                crate::types::deal::ConflictResolution::parse(other).map(|r| r.label().to_owned())
            })
            .unwrap_or_else(|| other.to_owned()),
    }
}
