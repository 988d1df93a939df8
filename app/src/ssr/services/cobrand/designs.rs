//! Partners' designs: a template version plus the partner's slot values.
//! Every save keeps a revision; a change after approval needs approval again.

use super::templates::{self, own_org, plan_of, version_by_id};
use crate::cobrand::Binding;
use crate::cobrand::{check, ImageSource, Issue, Plan, SlotKind, Values};
use crate::error::{AppError, AppResult};
use crate::locale;
use crate::ssr::entities::{
    cobrand_design as design, cobrand_design_revision as revision, cobrand_template as template,
    organization,
};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, organizations, users};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::services::present::logo_url;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::cobrand::{
    DesignCard, DesignStatus, EditorData, RevisionInfo, SlotChange, TemplateStatus,
};
use base64::Engine;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{BTreeMap, HashMap};

/// The language a design is made in: a stored design's own; a new one is
/// started in the page's language.
pub(crate) fn language_of(d: Option<&design::Model>) -> String {
    d.map_or_else(
        || locale::code_of(locale::current()).to_owned(),
        |d| d.language.clone(),
    )
}

/// The answer when the design changed since it was read.
fn stale() -> AppError {
    AppError::Conflict(tr!(cobrand.stale).into())
}
/// Longest value we store for one slot (guardrails usually stop far sooner).
const MAX_VALUE_CHARS: usize = 5_000;

pub fn values_of(raw: &str) -> Values {
    serde_json::from_str(raw).unwrap_or_default()
}

/// A new design's values: the template's defaults, bound slots filled from
/// the partner's profile.
pub fn autofill(plan: &Plan, org: &organization::Model) -> Values {
    let mut values = plan.defaults();
    for slot in &plan.slots {
        let Some(bind) = slot.bind.filter(|_| !slot.locked) else {
            continue;
        };
        let value = match bind {
            Binding::CompanyName => org.name.clone(),
            Binding::Phone => org.phone.clone(),
            Binding::Email => org.email.clone(),
            // Printed material shows the address the way people type it.
            Binding::Website => org
                .website
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string(),
            Binding::Address => [
                org.address.as_str(),
                org.city.as_str(),
                org.country.as_str(),
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
            Binding::Logo if org.logo_key.is_some() => "logo".into(),
            Binding::Logo => String::new(),
        };
        if !value.trim().is_empty() {
            values.insert(slot.name.clone(), value);
        }
    }
    values
}

/// Image slots set to the partner's logo, resolved: a page address for the
/// browser, or the bytes inline (`inline`) for server-side export.
pub async fn images(
    state: &AppState,
    plan: &Plan,
    values: &Values,
    org: &organization::Model,
    inline: bool,
) -> AppResult<BTreeMap<String, ImageSource>> {
    let mut out = BTreeMap::new();
    let wants_logo = plan
        .slots
        .iter()
        .any(|s| s.kind == SlotKind::Image && values.get(&s.name).is_some_and(|v| v == "logo"));
    let Some(key) = org.logo_key.as_deref().filter(|_| wants_logo) else {
        return Ok(out);
    };
    let bytes = state.storage.get(key).await?;
    let size = imagesize::blob_size(&bytes).unwrap_or(imagesize::ImageSize {
        width: 0,
        height: 0,
    });
    let href = if inline {
        let mime = crate::ssr::services::logos::mime_of_key(key);
        format!(
            "data:{mime};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        )
    } else {
        logo_url(org).unwrap_or_default()
    };
    for slot in &plan.slots {
        if slot.kind == SlotKind::Image && values.get(&slot.name).is_some_and(|v| v == "logo") {
            out.insert(
                slot.name.clone(),
                ImageSource {
                    href: href.clone(),
                    width: size.width as u32,
                    height: size.height as u32,
                },
            );
        }
    }
    Ok(out)
}

pub async fn load(state: &AppState, actor: &Actor, id: i64) -> AppResult<design::Model> {
    Scope::new(actor)
        .cobrand_designs()
        .filter(design::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

pub(crate) async fn org_of(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> AppResult<organization::Model> {
    Scope::new(actor)
        .organizations()
        .filter(organization::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn template_of(state: &AppState, d: &design::Model) -> AppResult<template::Model> {
    in_tenant::<template::Entity>(d.tenant_id)
        .filter(template::Column::Id.eq(d.template_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

fn is_owner(actor: &Actor, d: &design::Model) -> bool {
    actor.may(Permission::Design) && actor.organization_id == d.org_id
}

/// Slots where the partner's value differs from the template's, for the
/// vendor's review.
pub fn changes(plan: &Plan, values: &Values) -> Vec<SlotChange> {
    let effective = plan.effective(values);
    plan.slots
        .iter()
        .filter(|s| !s.locked)
        .filter_map(|s| {
            let value = effective.get(&s.name)?;
            if value == s.default_value() {
                return None;
            }
            let shown = |v: &str| match s.kind {
                SlotKind::Image if v == "logo" => tr!(cobrand.partner_logo).to_string(),
                SlotKind::Image => tr!(cobrand.template_image_short).to_string(),
                _ => v.to_string(),
            };
            Some(SlotChange {
                label: s.label.clone(),
                template_value: shown(s.default_value()),
                partner_value: shown(value),
            })
        })
        .collect()
}

/// The editor: a new design of template `template_id`, or design `design_id`.
pub async fn editor(
    state: &AppState,
    actor: &Actor,
    template_id: Option<i64>,
    design_id: Option<i64>,
) -> AppResult<EditorData> {
    let (d, t) = match (design_id, template_id) {
        (Some(id), _) => {
            let d = load(state, actor, id).await?;
            let t = template_of(state, &d).await?;
            (Some(d), t)
        }
        (None, Some(tid)) => {
            actor.require(Permission::Design)?;
            (None, templates::visible(state, actor, tid).await?)
        }
        (None, None) => return Err(AppError::NotFound),
    };
    let version_id = match &d {
        Some(d) => d.version_id,
        None => t.published_version_id.ok_or(AppError::NotFound)?,
    };
    let version = version_by_id(&state.db, actor.tenant_id, version_id).await?;
    let plan = plan_of(&version)?.in_language(&language_of(d.as_ref()));
    let org = match &d {
        Some(d) => org_of(state, actor, d.org_id).await?,
        None => own_org(state, actor).await?,
    };
    let values = match &d {
        Some(d) => plan.effective(&values_of(&d.slot_values)),
        None => autofill(&plan, &org),
    };
    let images = images(state, &plan, &values, &org, false).await?;
    let issues = check(&plan, &values, &images);
    let status = d.as_ref().map_or(DesignStatus::Draft, |d| d.status);
    let newer_version = match t.published_version_id {
        Some(pid) if pid != version_id => {
            Some(version_by_id(&state.db, actor.tenant_id, pid).await?.number)
        }
        _ => None,
    };
    let (revisions, exports) = match &d {
        Some(d) => (
            revisions(state, actor, &plan, d.id).await?,
            super::exports::list(state, actor, super::exports::ExportsOf::Design(d.id)).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let template_name = t.name_for(locale::current());
    Ok(EditorData {
        design_id: d.as_ref().map(|d| d.id),
        design_version: d.as_ref().map_or(0, |d| d.version),
        name: d
            .as_ref()
            .map_or_else(|| first_name(&template_name, &org), |d| d.name.clone()),
        template_id: t.id,
        template_name,
        kind: t.kind,
        version_number: version.number,
        newer_version,
        changes: changes(&plan, &values),
        is_owner: d.as_ref().is_none_or(|d| is_owner(actor, d)),
        can_review: d.is_some()
            && actor.may(Permission::ReviewDesigns)
            && status == DesignStatus::Submitted,
        plan,
        values,
        images,
        status,
        requires_approval: t.requires_approval,
        review_comment: d
            .as_ref()
            .map(|d| d.review_comment.clone())
            .unwrap_or_default(),
        org_name: org.name,
        issues,
        revisions,
        exports,
    })
}

/// What a new design is called until the partner names it.
fn first_name(template_name: &str, org: &organization::Model) -> String {
    tr!(
        cobrand.design_for,
        template = template_name,
        partner = &org.name
    )
    .to_string()
}

async fn revisions(
    state: &AppState,
    actor: &Actor,
    plan: &Plan,
    design_id: i64,
) -> AppResult<Vec<RevisionInfo>> {
    let rows = in_tenant::<revision::Entity>(actor.tenant_id)
        .filter(revision::Column::DesignId.eq(design_id))
        .order_by_desc(revision::Column::Id)
        .limit(21)
        .all(&state.db)
        .await?;
    let names: HashMap<i64, String> = users::names(
        &state.db,
        actor.tenant_id,
        rows.iter().map(|r| r.saved_by).collect(),
    )
    .await?
    .into_iter()
    .collect();
    let parsed: Vec<Values> = rows.iter().map(|r| values_of(&r.slot_values)).collect();
    Ok(rows
        .iter()
        .enumerate()
        .take(20)
        .map(|(i, r)| {
            let before = parsed.get(i + 1);
            let changed = plan
                .slots
                .iter()
                .filter(|s| match before {
                    Some(b) => b.get(&s.name) != parsed[i].get(&s.name),
                    None => false,
                })
                .map(|s| s.label.clone())
                .collect();
            RevisionInfo {
                id: r.id,
                name: r.name.clone(),
                saved_at: actor.time(r.saved_at),
                saved_by: names.get(&r.saved_by).cloned().unwrap_or_default(),
                changed,
            }
        })
        .collect())
}

fn clean_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", tr!(cobrand.name_design)));
    }
    if name.chars().count() > 120 {
        return Err(AppError::invalid("name", tr!(cobrand.name_long)));
    }
    Ok(name.to_string())
}

/// `base` with the submitted values on top: the plan's slots only, each
/// value within the storage bound. Slots a form did not send keep `base`.
fn clean_values(plan: &Plan, base: &Values, values: &Values) -> AppResult<Values> {
    for (name, value) in values {
        if value.chars().count() > MAX_VALUE_CHARS {
            return Err(AppError::invalid(
                "values",
                format!("\"{name}\" is longer than {MAX_VALUE_CHARS} characters."),
            ));
        }
    }
    let mut merged = base.clone();
    merged.extend(
        values
            .iter()
            .map(|(k, v)| (k.clone(), crate::types::form::unix_line_breaks(v))),
    );
    Ok(plan.effective(&merged))
}

/// Saves a design: creates it (`design_id` none, from the template's
/// published version) or updates it with an optimistic version check.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    design_id: Option<i64>,
    template_id: i64,
    version: i32,
    name: &str,
    values: &Values,
) -> AppResult<i64> {
    actor.require(Permission::Design)?;
    let name = clean_name(name)?;
    let at = now();
    let txn = begin_write(&state.db).await?;
    let (id, stored) = match design_id {
        Some(id) => update_design(state, &txn, actor, id, version, &name, values).await?,
        None => create_design(state, &txn, actor, template_id, &name, values).await?,
    };
    revision::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        design_id: Set(id),
        name: Set(name),
        slot_values: Set(stored),
        saved_by: Set(actor.user_id),
        saved_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Saves new values and name over the version the partner saw; a changed
/// design that was approved or rejected is a draft again. Returns the id and
/// the stored values.
async fn update_design(
    state: &AppState,
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    version: i32,
    name: &str,
    values: &Values,
) -> AppResult<(i64, String)> {
    let d = load(state, actor, id).await?;
    if !is_owner(actor, &d) {
        return Err(AppError::Forbidden);
    }
    if d.version != version {
        return Err(stale());
    }
    let plan = plan_of(&version_by_id(txn, actor.tenant_id, d.version_id).await?)?
        .in_language(&d.language);
    let values = clean_values(&plan, &values_of(&d.slot_values), values)?;
    let stored = serde_json::to_string(&values).map_err(|_| AppError::Internal)?;
    let changed = stored != d.slot_values;
    let mut active: design::ActiveModel = d.clone().into();
    if changed && d.status != DesignStatus::Draft {
        // What was approved (or rejected) is no longer what is saved.
        active.status = Set(DesignStatus::Draft);
    }
    active.name = Set(name.to_owned());
    active.slot_values = Set(stored.clone());
    active.version = Set(d.version + 1);
    active.updated_at = Set(now());
    write_if_current(txn, &d, active, &[]).await?;
    Ok((id, stored))
}

/// A first design of a published template, its fields filled from the
/// company's profile. Returns the id and the stored values.
async fn create_design(
    state: &AppState,
    txn: &DatabaseTransaction,
    actor: &Actor,
    template_id: i64,
    name: &str,
    values: &Values,
) -> AppResult<(i64, String)> {
    let t = templates::visible(state, actor, template_id).await?;
    let version_id = t.published_version_id.ok_or(AppError::NotFound)?;
    let language = language_of(None);
    let plan =
        plan_of(&version_by_id(txn, actor.tenant_id, version_id).await?)?.in_language(&language);
    let org = own_org(state, actor).await?;
    let values = clean_values(&plan, &autofill(&plan, &org), values)?;
    let stored = serde_json::to_string(&values).map_err(|_| AppError::Internal)?;
    let at = now();
    let d = design::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        org_id: Set(actor.organization_id),
        template_id: Set(t.id),
        version_id: Set(version_id),
        name: Set(name.to_owned()),
        slot_values: Set(stored.clone()),
        status: Set(DesignStatus::Draft),
        review_comment: Set(String::new()),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        submitted_at: Set(None),
        version: Set(1),
        created_by: Set(actor.user_id),
        created_at: Set(at),
        updated_at: Set(at),
        language: Set(language),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok((d.id, stored))
}

/// Writes `active` only if the stored design is still at `d.version` (and,
/// when `statuses` is not empty, in one of them). Check and write are one
/// statement, so of two racing writes exactly one lands and the other gets
/// the stale-tab message.
async fn write_if_current(
    db: &impl ConnectionTrait,
    d: &design::Model,
    active: design::ActiveModel,
    statuses: &[DesignStatus],
) -> AppResult<()> {
    let mut update = design::Entity::update_many()
        .set(active)
        .filter(tenant_is::<design::Entity>(d.tenant_id))
        .filter(design::Column::Id.eq(d.id))
        .filter(design::Column::Version.eq(d.version));
    if !statuses.is_empty() {
        update = update.filter(design::Column::Status.is_in(statuses.iter().copied()));
    }
    let done = update.exec(db).await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(stale())
    }
}

/// Brings back an earlier revision as the current values (a new revision).
pub async fn restore(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i32,
    revision_id: i64,
) -> AppResult<()> {
    let d = load(state, actor, id).await?;
    let r = in_tenant::<revision::Entity>(actor.tenant_id)
        .filter(revision::Column::Id.eq(revision_id))
        .filter(revision::Column::DesignId.eq(d.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    save(
        state,
        actor,
        Some(d.id),
        d.template_id,
        version,
        &r.name,
        &values_of(&r.slot_values),
    )
    .await
    .map(|_| ())
}

/// The current issues of a stored design (images resolved as for export).
pub async fn issues_of(
    state: &AppState,
    actor: &Actor,
    d: &design::Model,
) -> AppResult<(Plan, Values, Vec<Issue>, organization::Model)> {
    let plan = plan_of(&version_by_id(&state.db, actor.tenant_id, d.version_id).await?)?
        .in_language(&d.language);
    let org = org_of(state, actor, d.org_id).await?;
    let values = plan.effective(&values_of(&d.slot_values));
    let images = images(state, &plan, &values, &org, false).await?;
    let issues = check(&plan, &values, &images);
    Ok((plan, values, issues, org))
}

/// Sends a design for the vendor's approval.
pub async fn submit(state: &AppState, actor: &Actor, id: i64, version: i32) -> AppResult<()> {
    let d = load(state, actor, id).await?;
    if !is_owner(actor, &d) {
        return Err(AppError::Forbidden);
    }
    if d.version != version {
        return Err(stale());
    }
    let t = template_of(state, &d).await?;
    if !t.requires_approval {
        return Err(AppError::Conflict(tr!(cobrand.no_approval_needed).into()));
    }
    if !matches!(d.status, DesignStatus::Draft | DesignStatus::Rejected) {
        return Err(AppError::Conflict(tr!(cobrand.already_submitted).into()));
    }
    let (_, _, issues, _) = issues_of(state, actor, &d).await?;
    if let Some(first) = issues.first() {
        return Err(AppError::Conflict(
            tr!(cobrand.fix_before_submit, first = &first.message).to_string(),
        ));
    }
    let mut active: design::ActiveModel = d.clone().into();
    active.status = Set(DesignStatus::Submitted);
    active.submitted_at = Set(Some(now()));
    active.version = Set(d.version + 1);
    write_if_current(
        &state.db,
        &d,
        active,
        &[DesignStatus::Draft, DesignStatus::Rejected],
    )
    .await
}

/// The vendor approves (export unlocks) or rejects with a comment.
pub async fn review(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i32,
    approve: bool,
    comment: &str,
) -> AppResult<()> {
    actor.require(Permission::ReviewDesigns)?;
    let d = load(state, actor, id).await?;
    if d.version != version {
        return Err(stale());
    }
    if d.status != DesignStatus::Submitted {
        return Err(AppError::Conflict(tr!(cobrand.not_waiting).into()));
    }
    let comment = comment.trim();
    if !approve && comment.is_empty() {
        return Err(AppError::invalid(
            "comment",
            tr!(cobrand.tell_what_to_change),
        ));
    }
    if comment.chars().count() > 2000 {
        return Err(AppError::invalid("comment", tr!(cobrand.comment_long)));
    }
    let status = if approve {
        DesignStatus::Approved
    } else {
        DesignStatus::Rejected
    };
    let mut active: design::ActiveModel = d.clone().into();
    active.status = Set(status);
    active.review_comment = Set(comment.to_string());
    active.reviewed_by = Set(Some(actor.user_id));
    active.reviewed_at = Set(Some(now()));
    active.version = Set(d.version + 1);
    // The version in the same statement: an approval covers exactly the
    // content the reviewer saw, never a save that landed in between.
    write_if_current(&state.db, &d, active, &[DesignStatus::Submitted]).await
}

async fn to_cards(
    state: &AppState,
    actor: &Actor,
    rows: Vec<design::Model>,
) -> AppResult<Vec<DesignCard>> {
    let template_ids: Vec<i64> = rows.iter().map(|d| d.template_id).collect();
    let names: HashMap<i64, String> = Scope::new(actor)
        .cobrand_templates()
        .filter(template::Column::Id.is_in(template_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name_for(locale::current())))
        .collect();
    let orgs: HashMap<i64, String> = organizations::names(
        &state.db,
        actor.tenant_id,
        rows.iter().map(|d| d.org_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    Ok(rows
        .into_iter()
        .map(|d| DesignCard {
            id: d.id,
            name: d.name,
            template_name: names.get(&d.template_id).cloned().unwrap_or_default(),
            org_name: orgs.get(&d.org_id).cloned().unwrap_or_default(),
            status: d.status,
            updated_at: actor.time(d.updated_at),
        })
        .collect())
}

/// Recent designs the actor may see, optionally of one template.
pub async fn cards(
    state: &AppState,
    actor: &Actor,
    template_id: Option<i64>,
) -> AppResult<Vec<DesignCard>> {
    let mut query = Scope::new(actor)
        .cobrand_designs()
        .order_by_desc(design::Column::UpdatedAt)
        .limit(50);
    if let Some(tid) = template_id {
        query = query.filter(design::Column::TemplateId.eq(tid));
    }
    let rows = query.all(&state.db).await?;
    to_cards(state, actor, rows).await
}

pub async fn awaiting_review(state: &AppState, actor: &Actor) -> AppResult<Vec<DesignCard>> {
    let rows = Scope::new(actor)
        .cobrand_designs()
        .filter(design::Column::Status.eq(DesignStatus::Submitted))
        .order_by_asc(design::Column::SubmittedAt)
        .limit(100)
        .all(&state.db)
        .await?;
    to_cards(state, actor, rows).await
}

/// Whether partners may still use the template behind a design.
pub fn withdrawn(t: &template::Model) -> bool {
    t.status == TemplateStatus::Archived
}

pub(crate) async fn template_for(
    state: &AppState,
    d: &design::Model,
) -> AppResult<template::Model> {
    template_of(state, d).await
}

pub(crate) fn owner(actor: &Actor, d: &design::Model) -> bool {
    is_owner(actor, d)
}
