//! The template library: vendors upload SVG or MJML, every change of source
//! becomes a new immutable version, and one version at a time is published.
//! Partners see published templates meant for their tier and partner type.

use crate::cobrand::{check, render, Plan, RenderOptions};
use crate::error::{AppError, AppResult};
use crate::ssr::cobrand::{compile, email};
use crate::ssr::entities::organization;
use crate::ssr::entities::{cobrand_template as template, cobrand_template_version as version};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, users};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::services::tiers::Audiences;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::cobrand::{
    TemplateCard, TemplateDetail, TemplateFormat, TemplateKind, TemplateStatus, TemplatesPage,
    VersionInfo,
};
use crate::types::localized::{field_name, submitted_versions, Texts, Translations};
use crate::types::{Choice, FormErrors};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, Default)]
pub struct TemplateInput {
    pub name: String,
    pub description: String,
    pub kind: Choice<TemplateKind>,
    pub format: Choice<TemplateFormat>,
    pub requires_approval: bool,
    pub tiers: Vec<String>,
    pub types: Vec<String>,
    pub source: String,
    pub note: String,
    /// The language name, description and the source's text are written
    /// in, and their versions in the others ("name_de", "slot:legal_de").
    pub language: String,
    pub versions: BTreeMap<String, String>,
}

/// Form fields holding a text slot's wording in another language are named
/// `slot:<slot name>`.
const SLOT: &str = "slot:";

/// Compiles a source of either kind into its plan.
pub fn compile_source(kind: TemplateKind, source: &str) -> Result<Plan, Vec<String>> {
    match kind {
        TemplateKind::Svg => compile::compile(source).map(|c| c.plan),
        TemplateKind::Email => email::compile(source),
    }
}

pub fn plan_of(v: &version::Model) -> AppResult<Plan> {
    serde_json::from_str(&v.plan).map_err(|e| {
        tracing::error!(version = v.id, %e, "stored template plan does not parse");
        AppError::Internal
    })
}

fn list(raw: &str) -> Vec<String> {
    raw.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// "Gold and Platinum tiers · MSPs", or tr!(forum.all_partners).
fn audience(t: &template::Model, program: &Audiences) -> String {
    let reader = crate::locale::current();
    let tiers: Vec<String> = list(&t.audience_tiers)
        .iter()
        .filter(|code| program.tiers.knows(code))
        .map(|code| program.tiers.name(code, reader))
        .collect();
    let types: Vec<String> = list(&t.audience_types)
        .iter()
        .filter(|code| program.types.knows(code))
        .map(|code| program.types.name(code, reader))
        .collect();
    let mut parts = Vec::new();
    if !tiers.is_empty() {
        parts.push(tr!(campaigns.tier_audience, tiers = tiers.join(", ")).to_string());
    }
    if !types.is_empty() {
        parts.push(types.join(", "));
    }
    if parts.is_empty() {
        tr!(forum.all_partners).into()
    } else {
        parts.join(" · ")
    }
}

/// Whether a partner company is in the template's audience.
pub fn meant_for(t: &template::Model, org: &organization::Model) -> bool {
    let tiers = list(&t.audience_tiers);
    let types = list(&t.audience_types);
    let tier_ok = tiers.is_empty() || org.tier.as_ref().is_some_and(|x| tiers.contains(x));
    let type_ok = types.is_empty() || org.partner_type.as_ref().is_some_and(|x| types.contains(x));
    tier_ok && type_ok
}

/// The template at its defaults, as a thumbnail.
pub fn preview(kind: TemplateKind, plan: &Plan) -> String {
    match kind {
        TemplateKind::Svg => render(
            plan,
            &plan.defaults(),
            &BTreeMap::new(),
            RenderOptions::default(),
        ),
        TemplateKind::Email => String::new(),
    }
}

fn card(
    t: &template::Model,
    shown: Option<&version::Model>,
    tiers: &Audiences,
) -> AppResult<TemplateCard> {
    let kind = t.kind;
    let preview_svg = match shown {
        Some(v) => preview(
            kind,
            &plan_of(v)?.in_language(crate::locale::code_of(crate::locale::current())),
        ),
        None => String::new(),
    };
    Ok(TemplateCard {
        id: t.id,
        name: t.name_for(crate::locale::current()),
        description: t.description_for(crate::locale::current()),
        kind,
        format: t.format,
        status: t.status,
        requires_approval: t.requires_approval,
        audience: audience(t, tiers),
        published_number: None,
        preview_svg,
    })
}

/// A template the actor may open: any of the tenant's for vendor staff, a
/// published one meant for their company for partners.
pub async fn visible(state: &AppState, actor: &Actor, id: i64) -> AppResult<template::Model> {
    let scope = Scope::new(actor);
    let t = scope
        .cobrand_templates()
        .filter(template::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if actor.role.is_vendor_staff() {
        return Ok(t);
    }
    let org = own_org(state, actor).await?;
    if t.status == TemplateStatus::Published && meant_for(&t, &org) {
        Ok(t)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn own_org(state: &AppState, actor: &Actor) -> AppResult<organization::Model> {
    Scope::new(actor)
        .organizations()
        .filter(organization::Column::Id.eq(actor.organization_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn version_by_id(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    id: i64,
) -> AppResult<version::Model> {
    in_tenant::<version::Entity>(tenant_id)
        .filter(version::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn versions_of(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    template_id: i64,
) -> AppResult<Vec<version::Model>> {
    Ok(in_tenant::<version::Entity>(tenant_id)
        .filter(version::Column::TemplateId.eq(template_id))
        .order_by_desc(version::Column::Number)
        .all(db)
        .await?)
}

/// The gallery: templates the actor may use or manage, their designs, and
/// what waits for their review.
pub async fn page(state: &AppState, actor: &Actor) -> AppResult<TemplatesPage> {
    let scope = Scope::new(actor);
    let manage = actor.may(Permission::ManageTemplates);
    let mut query = scope
        .cobrand_templates()
        .order_by_asc(template::Column::Name);
    if !actor.role.is_vendor_staff() {
        query = query.filter(template::Column::Status.eq(TemplateStatus::Published));
    }
    let rows = query.all(&state.db).await?;
    let org = if actor.role.is_vendor_staff() {
        None
    } else {
        Some(own_org(state, actor).await?)
    };
    let rows: Vec<template::Model> = rows
        .into_iter()
        .filter(|t| org.as_ref().is_none_or(|o| meant_for(t, o)))
        .filter(|t| manage || t.status != TemplateStatus::Archived)
        .collect();
    // One query for the versions the cards show: published, else the latest.
    let all_versions = in_tenant::<version::Entity>(actor.tenant_id)
        .filter(version::Column::TemplateId.is_in(rows.iter().map(|t| t.id)))
        .order_by_desc(version::Column::Number)
        .all(&state.db)
        .await?;
    let tiers = Audiences::load(&state.db, actor.tenant_id).await?;
    let mut templates = Vec::with_capacity(rows.len());
    for t in &rows {
        let published = t
            .published_version_id
            .and_then(|id| all_versions.iter().find(|v| v.id == id));
        let latest = all_versions.iter().find(|v| v.template_id == t.id);
        let mut c = card(t, published.or(latest), &tiers)?;
        c.published_number = published.map(|v| v.number);
        templates.push(c);
    }
    let designs = super::designs::cards(state, actor, None).await?;
    let awaiting_review = if actor.may(Permission::ReviewDesigns) {
        super::designs::awaiting_review(state, actor).await?
    } else {
        Vec::new()
    };
    Ok(TemplatesPage {
        can_manage: manage,
        can_design: actor.may(Permission::Design),
        templates,
        designs,
        awaiting_review,
    })
}

pub async fn detail(state: &AppState, actor: &Actor, id: i64) -> AppResult<TemplateDetail> {
    actor.require(Permission::ManageTemplates)?;
    let t = visible(state, actor, id).await?;
    let versions = versions_of(&state.db, actor.tenant_id, id).await?;
    let latest = versions.first().ok_or(AppError::NotFound)?;
    let tiers = Audiences::load(&state.db, actor.tenant_id).await?;
    let mut c = card(&t, Some(latest), &tiers)?;
    c.published_number = t
        .published_version_id
        .and_then(|pid| versions.iter().find(|v| v.id == pid))
        .map(|v| v.number);
    let names: HashMap<i64, String> = users::names(
        &state.db,
        actor.tenant_id,
        versions.iter().map(|v| v.created_by).collect(),
    )
    .await?
    .into_iter()
    .collect();
    let plan = plan_of(latest)?;
    let texts = Texts::of(
        &t.language,
        &t.translations,
        &[("name", &t.name), ("description", &t.description)],
    );
    Ok(TemplateDetail {
        texts: Texts {
            translations: texts.translations.with_prefixed(SLOT, &plan.variants),
            ..texts
        },
        audience_tiers: list(&t.audience_tiers),
        choices: tiers.choices(crate::locale::current()),
        audience_types: list(&t.audience_types),
        latest_number: latest.number,
        source: latest.source.clone(),
        plan,
        versions: versions
            .iter()
            .map(|v| VersionInfo {
                number: v.number,
                note: v.note.clone(),
                created_at: actor.time(v.created_at),
                created_by: names.get(&v.created_by).cloned().unwrap_or_default(),
                published: Some(v.id) == t.published_version_id,
            })
            .collect(),
        designs: super::designs::cards(state, actor, Some(id)).await?,
        exports: super::exports::list(state, actor, super::exports::ExportsOf::Template(id))
            .await?,
        card: c,
    })
}

/// The template's wording in the other languages, from the form: its name
/// and description (kept on the template) and its text slots (kept on the
/// version, as `plan.variants`). A slot's wording obeys its character limit.
fn submitted_wording(
    input: &TemplateInput,
    plan: &mut Plan,
    errors: &mut FormErrors,
) -> (crate::locale::Locale, Translations) {
    let slot_fields: Vec<(String, usize)> = plan
        .text_slots()
        .map(|s| {
            let max = s.max_chars.map_or(5_000, |m| m as usize);
            (format!("{SLOT}{}", s.name), max)
        })
        .collect();
    let mut fields: Vec<(&str, usize)> = vec![("name", 120), ("description", 1000)];
    fields.extend(slot_fields.iter().map(|(f, m)| (f.as_str(), *m)));
    let (language, mut translations) =
        submitted_versions(&input.language, &input.versions, &fields, errors);
    plan.variants = translations.take_prefixed(SLOT);
    check_wording(plan, errors);
    (language, translations)
}

/// Each language's wording must fit the artwork as the original does: a
/// locked slot that overflows would block every design in that language.
fn check_wording(plan: &Plan, errors: &mut FormErrors) {
    for (code, texts) in &plan.variants {
        let Some(locale) = crate::locale::parse(code) else {
            continue;
        };
        let worded = plan.in_language(code);
        for issue in check(&worded, &worded.defaults(), &BTreeMap::new()) {
            if texts.contains_key(&issue.slot) {
                let field = field_name(&format!("{SLOT}{}", issue.slot), locale);
                errors.add(&field, issue.message);
            }
        }
    }
}

/// A checked template form: its plan (with the slots' other wordings), the
/// language of its texts and their versions.
type Checked = (Plan, crate::locale::Locale, Translations);

fn validate(
    input: &TemplateInput,
    kind: TemplateKind,
    tiers: &Audiences,
) -> Result<Checked, FormErrors> {
    let mut errors = FormErrors::new();
    let name = input.name.trim();
    if name.is_empty() {
        errors.add("name", tr!(cobrand.name_template));
    } else if name.chars().count() > 120 {
        errors.add("name", tr!(cobrand.name_long));
    }
    if input.description.chars().count() > 1000 {
        errors.add("description", tr!(cobrand.description_long));
    }
    input
        .format
        .require(&mut errors, "format", tr!(cobrand.choose_format));
    if input.tiers.iter().any(|t| !tiers.tiers.knows(t)) {
        errors.add("tiers", tr!(cobrand.choose_tiers));
    }
    if input.types.iter().any(|t| !tiers.types.knows(t)) {
        errors.add("types", tr!(cobrand.choose_types));
    }
    let plan = match compile_source(kind, &input.source) {
        Ok(mut plan) => {
            let (language, translations) = submitted_wording(input, &mut plan, &mut errors);
            Some((plan, language, translations))
        }
        Err(messages) => {
            errors.add("source", messages.join(" "));
            // Nothing typed in the other languages is lost either.
            for (key, text) in &input.versions {
                errors.keep(&format!("versions[{key}]"), text);
            }
            None
        }
    };
    match plan {
        Some(checked) if errors.is_empty() => Ok(checked),
        _ => Err(errors.with_values(&[
            ("name", &input.name),
            ("description", &input.description),
            ("source", &input.source),
            ("note", &input.note),
        ])),
    }
}

/// Creates a template (`id` none) or updates one; a changed source becomes
/// the next version. Returns the template id.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: Option<i64>,
    input: TemplateInput,
) -> AppResult<i64> {
    actor.require(Permission::ManageTemplates)?;
    let existing = match id {
        Some(id) => Some(visible(state, actor, id).await?),
        None => None,
    };
    let kind = match &existing {
        Some(t) => t.kind,
        None => input
            .kind
            .known()
            .ok_or_else(|| AppError::invalid("kind", tr!(cobrand.choose_kind)))?,
    };
    let mut input = input;
    // A changed template keeps the language it was written in.
    if let Some(t) = &existing {
        input.language = t.language.clone();
    }
    let tiers = Audiences::load(&state.db, actor.tenant_id).await?;
    let (plan, language, translations) =
        validate(&input, kind, &tiers).map_err(AppError::Invalid)?;
    let format = input
        .format
        .known()
        .ok_or_else(|| AppError::invalid("format", tr!(cobrand.choose_format)))?;
    let at = now();
    let txn = begin_write(&state.db).await?;
    let template_id = match existing {
        Some(t) => {
            let mut active: template::ActiveModel = t.into();
            active.name = Set(input.name.trim().to_string());
            active.description = Set(input.description.trim().to_string());
            active.format = Set(format);
            active.requires_approval = Set(input.requires_approval);
            active.audience_tiers = Set(input.tiers.join(","));
            active.audience_types = Set(input.types.join(","));
            active.language = Set(crate::locale::code_of(language).to_owned());
            active.translations = Set(translations.to_column());
            active.updated_at = Set(at);
            active.update(&txn).await?.id
        }
        None => {
            template::ActiveModel {
                tenant_id: Set(actor.tenant_id),
                name: Set(input.name.trim().to_string()),
                description: Set(input.description.trim().to_string()),
                kind: Set(kind),
                format: Set(format),
                status: Set(TemplateStatus::Draft),
                requires_approval: Set(input.requires_approval),
                audience_tiers: Set(input.tiers.join(",")),
                audience_types: Set(input.types.join(",")),
                published_version_id: Set(None),
                created_by: Set(actor.user_id),
                created_at: Set(at),
                updated_at: Set(at),
                language: Set(crate::locale::code_of(language).to_owned()),
                translations: Set(translations.to_column()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    add_version_if_changed(&txn, actor, template_id, &input, &plan).await?;
    txn.commit().await?;
    Ok(template_id)
}

/// A new source, or new wording of its text in another language, is a new
/// version: designs keep the wording they were made with.
async fn add_version_if_changed(
    txn: &DatabaseTransaction,
    actor: &Actor,
    template_id: i64,
    input: &TemplateInput,
    plan: &Plan,
) -> AppResult<()> {
    let versions = versions_of(txn, actor.tenant_id, template_id).await?;
    let reworded =
        |v: &version::Model| plan_of(v).map_or(true, |stored| stored.variants != plan.variants);
    if versions
        .first()
        .is_some_and(|v| v.source == input.source && !reworded(v))
    {
        return Ok(());
    }
    version::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        template_id: Set(template_id),
        number: Set(versions.first().map_or(1, |v| v.number + 1)),
        source: Set(input.source.clone()),
        plan: Set(serde_json::to_string(plan).map_err(|_| AppError::Internal)?),
        note: Set(input.note.trim().chars().take(300).collect()),
        created_by: Set(actor.user_id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Publishes version `number`: partners in the audience start seeing it.
pub async fn publish(state: &AppState, actor: &Actor, id: i64, number: i32) -> AppResult<()> {
    actor.require(Permission::ManageTemplates)?;
    let t = visible(state, actor, id).await?;
    let v = versions_of(&state.db, actor.tenant_id, t.id)
        .await?
        .into_iter()
        .find(|v| v.number == number)
        .ok_or(AppError::NotFound)?;
    set_status(state, &t, TemplateStatus::Published, Some(v.id)).await
}

/// Withdraws a template: partners no longer see or export it.
pub async fn archive(state: &AppState, actor: &Actor, id: i64) -> AppResult<()> {
    actor.require(Permission::ManageTemplates)?;
    let t = visible(state, actor, id).await?;
    let keep = t.published_version_id;
    set_status(state, &t, TemplateStatus::Archived, keep).await
}

async fn set_status(
    state: &AppState,
    t: &template::Model,
    status: TemplateStatus,
    version_id: Option<i64>,
) -> AppResult<()> {
    template::Entity::update_many()
        .col_expr(template::Column::Status, Expr::value(status))
        .col_expr(
            template::Column::PublishedVersionId,
            Expr::value(version_id),
        )
        .col_expr(template::Column::UpdatedAt, Expr::value(now()))
        .filter(tenant_is::<template::Entity>(t.tenant_id))
        .filter(template::Column::Id.eq(t.id))
        .exec(&state.db)
        .await?;
    Ok(())
}
