//! The vendor's side: create and edit campaigns, move them through their
//! life (publish, pause, resume, end), and tell the audience when one opens.

use super::{find, list, meant_for, status_of};
use crate::error::{AppError, AppResult};
use crate::locale::Locale;
use crate::ssr::entities::{campaign, cobrand_template as template, organization, user};
use crate::ssr::permission::Permission;
use crate::ssr::repo::begin_write;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::funds::period;
use crate::ssr::services::notifications::{self, Notice, Recipient};
use crate::ssr::services::now;
use crate::ssr::services::tiers::Audiences;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::campaign::{CampaignMove, CampaignStatus, TemplateChoice};
use crate::types::cobrand::{TemplateKind, TemplateStatus};
use crate::types::form::check;
use crate::types::localized::{submitted_versions, Translations};
use crate::types::notification::{Details, InLanguages, NotificationKind};
use crate::types::org::{OrgKind, Region};
use crate::types::{FormErrors, Role};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::BTreeMap;

/// The campaign form as posted.
#[derive(Clone, Debug, Default)]
pub struct CampaignInput {
    pub name: String,
    pub goal: String,
    pub description: String,
    pub starts_on: String,
    pub ends_on: String,
    pub tiers: Vec<String>,
    pub types: Vec<String>,
    pub regions: Vec<String>,
    pub email_template_id: String,
    pub email_subject: String,
    pub asset_template_ids: Vec<String>,
    pub social_template_id: String,
    pub social_copy: String,
    pub schedule: String,
    pub version: i32,
    /// The language name, goal and description are written in, and their
    /// versions in the others ("goal_de" → text).
    pub language: String,
    pub versions: BTreeMap<String, String>,
}

struct Valid {
    name: String,
    goal: String,
    description: String,
    starts_on: chrono::NaiveDate,
    ends_on: chrono::NaiveDate,
    tiers: String,
    types: String,
    regions: String,
    assets: Assets,
    schedule: String,
    language: Locale,
    translations: Translations,
}

/// What partners send and post: an e-mail, material, a social post.
struct Assets {
    email_template_id: Option<i64>,
    email_subject: String,
    asset_template_ids: String,
    social_template_id: Option<i64>,
    social_copy: String,
}

/// Published templates of the program, for the campaign form.
pub async fn template_choices(state: &AppState, actor: &Actor) -> AppResult<Vec<TemplateChoice>> {
    Ok(in_tenant::<template::Entity>(actor.tenant_id)
        .filter(template::Column::Status.eq(TemplateStatus::Published))
        .order_by_asc(template::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| TemplateChoice {
            id: t.id,
            name: t.name_for(crate::locale::current()),
            kind: t.kind,
        })
        .collect())
}

fn codes(e: &mut FormErrors, field: &str, raw: &[String], known: impl Fn(&str) -> bool) -> String {
    if raw.iter().any(|c| !known(c)) {
        e.add(field, tr!(campaigns.choose_listed));
    }
    raw.join(",")
}

async fn validate(state: &AppState, actor: &Actor, input: &CampaignInput) -> AppResult<Valid> {
    let mut e = FormErrors::new();
    let name = check::required(&mut e, "name", &input.name, tr!(checks.a_name), 120);
    let goal = check::required(&mut e, "goal", &input.goal, tr!(checks.the_goal), 300);
    let description = check::optional(
        &mut e,
        "description",
        &input.description,
        tr!(checks.the_description),
        4000,
    );
    let (starts_on, ends_on) = period(
        &mut e,
        (&input.starts_on, &input.ends_on),
        tr!(campaigns.date_order),
    );
    let program = Audiences::load(&state.db, actor.tenant_id).await?;
    let tiers = codes(&mut e, "tiers", &input.tiers, |c| program.tiers.knows(c));
    let types = codes(&mut e, "types", &input.types, |c| program.types.knows(c));
    let regions = codes(&mut e, "regions", &input.regions, |c| {
        Region::parse(c).is_some()
    });
    let published = Published(template_choices(state, actor).await?);
    let assets = assets(&mut e, &published, input);
    let schedule = check::optional(
        &mut e,
        "schedule",
        &input.schedule,
        tr!(checks.the_schedule),
        4000,
    );
    let (language, translations) = submitted_versions(
        &input.language,
        &input.versions,
        &[("name", 120), ("goal", 300), ("description", 4000)],
        &mut e,
    );
    let (Some(starts_on), Some(ends_on)) = (starts_on, ends_on) else {
        return Err(AppError::Invalid(keep(e, input)));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(keep(e, input)));
    }
    Ok(Valid {
        name,
        goal,
        description,
        starts_on,
        ends_on,
        tiers,
        types,
        regions,
        assets,
        schedule,
        language,
        translations,
    })
}

/// The program's published templates, which a campaign may use.
struct Published(Vec<TemplateChoice>);

impl Published {
    /// The template chosen in `field` (empty: none), which must be a
    /// published template of `kind`.
    fn pick(&self, e: &mut FormErrors, field: &str, raw: &str, kind: TemplateKind) -> Option<i64> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        match raw
            .parse::<i64>()
            .ok()
            .and_then(|id| self.0.iter().find(|t| t.id == id))
        {
            Some(t) if t.kind == kind => Some(t.id),
            _ => {
                e.add(
                    field,
                    tr!(campaigns.choose_template, kind = kind.label()).to_string(),
                );
                None
            }
        }
    }
}

/// The campaign's assets; at least one is required.
fn assets(e: &mut FormErrors, published: &Published, input: &CampaignInput) -> Assets {
    let email_template_id = published.pick(
        e,
        "email_template_id",
        &input.email_template_id,
        TemplateKind::Email,
    );
    let subject = if email_template_id.is_some() {
        check::required
    } else {
        check::optional
    };
    let email_subject = subject(
        e,
        "email_subject",
        &input.email_subject,
        "the e-mail subject",
        150,
    );
    let material: Vec<String> = input
        .asset_template_ids
        .iter()
        .filter_map(|raw| published.pick(e, "asset_template_ids", raw, TemplateKind::Svg))
        .map(|id| id.to_string())
        .collect();
    let social_template_id = published.pick(
        e,
        "social_template_id",
        &input.social_template_id,
        TemplateKind::Svg,
    );
    let social_copy = check::optional(
        e,
        "social_copy",
        &input.social_copy,
        tr!(checks.the_social_post),
        2000,
    );
    if email_template_id.is_none()
        && material.is_empty()
        && social_template_id.is_none()
        && social_copy.is_empty()
    {
        e.add("email_template_id", tr!(campaigns.needs_asset));
    }
    Assets {
        email_template_id,
        email_subject,
        asset_template_ids: material.join(","),
        social_template_id,
        social_copy,
    }
}

/// Echoes typed text back so a page without JavaScript loses nothing.
fn keep(e: FormErrors, input: &CampaignInput) -> FormErrors {
    e.with_values(&[
        ("name", &input.name),
        ("goal", &input.goal),
        ("description", &input.description),
        ("starts_on", &input.starts_on),
        ("ends_on", &input.ends_on),
        ("email_subject", &input.email_subject),
        ("social_copy", &input.social_copy),
        ("schedule", &input.schedule),
    ])
}

/// Creates (no `id`) or updates a campaign; returns its id.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: Option<i64>,
    input: CampaignInput,
) -> AppResult<i64> {
    actor.require(Permission::ManageCampaigns)?;
    let existing = match id {
        Some(id) => Some(find(&state.db, actor.tenant_id, id).await),
        None => None,
    };
    let mut input = input;
    // A changed campaign keeps the language it was written in. (A missing
    // one is refused below, after the form's own checks.)
    if let Some(Ok(c)) = &existing {
        input.language = c.language.clone();
    }
    let v = validate(state, actor, &input).await?;
    let at = now();
    let mut active = match existing {
        Some(found) => {
            let c = found?;
            if status_of(&c) == CampaignStatus::Ended {
                return Err(AppError::Conflict(tr!(campaigns.ended_locked).into()));
            }
            if c.version != input.version {
                return Err(AppError::Conflict(tr!(campaigns.stale).into()));
            }
            let mut a: campaign::ActiveModel = c.clone().into();
            a.version = Set(c.version + 1);
            a
        }
        None => campaign::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            status: Set(CampaignStatus::Draft),
            published_at: Set(None),
            version: Set(1),
            created_by: Set(actor.user_id),
            created_at: Set(at),
            ..Default::default()
        },
    };
    active.name = Set(v.name);
    active.goal = Set(v.goal);
    active.description = Set(v.description);
    active.starts_on = Set(v.starts_on);
    active.ends_on = Set(v.ends_on);
    active.audience_tiers = Set(v.tiers);
    active.audience_types = Set(v.types);
    active.audience_regions = Set(v.regions);
    active.email_template_id = Set(v.assets.email_template_id);
    active.email_subject = Set(v.assets.email_subject);
    active.asset_template_ids = Set(v.assets.asset_template_ids);
    active.social_template_id = Set(v.assets.social_template_id);
    active.social_copy = Set(v.assets.social_copy);
    active.schedule = Set(v.schedule);
    active.language = Set(crate::locale::code_of(v.language).to_owned());
    active.translations = Set(v.translations.to_column());
    active.updated_at = Set(at);
    let saved = if id.is_some() {
        active.update(&state.db).await
    } else {
        active.insert(&state.db).await
    }?;
    Ok(saved.id)
}

/// Publishes, pauses, resumes or ends a campaign. Publishing e-mails every
/// partner user in the audience (through the queue).
pub async fn change_status(
    state: &AppState,
    actor: &Actor,
    id: i64,
    m: CampaignMove,
) -> AppResult<()> {
    actor.require(Permission::ManageCampaigns)?;
    let txn = begin_write(&state.db).await?;
    let c = find(&txn, actor.tenant_id, id).await?;
    let from = status_of(&c);
    let Some(to) = from.after(m) else {
        return Err(AppError::Conflict(
            tr!(
                campaigns.move_refused,
                status = from.label(),
                action = m.label()
            )
            .to_string(),
        ));
    };
    // Only one of two simultaneous clicks moves it (and notifies).
    let moved = campaign::Entity::update_many()
        .col_expr(
            campaign::Column::Status,
            sea_orm::sea_query::Expr::value(to.as_str()),
        )
        .col_expr(
            campaign::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now()),
        )
        .col_expr(
            campaign::Column::Version,
            sea_orm::sea_query::Expr::value(c.version + 1),
        )
        .filter(campaign::Column::Id.eq(c.id))
        .filter(campaign::Column::Status.eq(from))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if !moved {
        return Err(AppError::Conflict(tr!(campaigns.changed_meanwhile).into()));
    }
    if m == CampaignMove::Publish {
        campaign::Entity::update_many()
            .col_expr(
                campaign::Column::PublishedAt,
                sea_orm::sea_query::Expr::value(Some(now())),
            )
            .filter(campaign::Column::Id.eq(c.id))
            .exec(&txn)
            .await?;
        announce(state, &txn, actor, &c).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Tells each active partner user whose company is in the campaign's
/// audience (a mail at once unless they chose otherwise).
async fn announce(
    state: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    c: &campaign::Model,
) -> AppResult<()> {
    let mut orgs = in_tenant::<organization::Entity>(actor.tenant_id)
        .filter(organization::Column::Kind.eq(OrgKind::Partner));
    for (column, raw) in [
        (organization::Column::Tier, &c.audience_tiers),
        (organization::Column::PartnerType, &c.audience_types),
        (organization::Column::Region, &c.audience_regions),
    ] {
        let wanted = list(raw);
        if !wanted.is_empty() {
            orgs = orgs.filter(column.is_in(wanted));
        }
    }
    let orgs = orgs.all(db).await?;
    let org_ids: Vec<i64> = orgs
        .iter()
        .filter(|o| meant_for(c, o))
        .map(|o| o.id)
        .collect();
    let link = format!("/campaigns/{}", c.id);
    let tiers = Audiences::load(db, actor.tenant_id).await?;
    // Fixed now in every language; each partner user reads theirs.
    let details = Details::Campaign {
        vendor: actor.organization_name.clone(),
        name: InLanguages::of(|l| c.name_for(l)),
        goal: InLanguages::of(|l| c.goal_for(l)),
        audience: InLanguages::of(|l| super::audience_in(c, &tiers, l)),
        starts: c.starts_on,
        ends: c.ends_on,
    };
    let mut notices = Vec::new();
    for chunk in org_ids.chunks(500) {
        let people = in_tenant::<user::Entity>(actor.tenant_id)
            .filter(user::Column::OrganizationId.is_in(chunk.to_vec()))
            .filter(user::Column::Active.eq(true))
            .filter(user::Column::Role.is_in(Role::PARTNER))
            .all(db)
            .await?;
        notices.extend(people.iter().map(|p| Notice {
            to: Recipient::from(p),
            kind: NotificationKind::CampaignLaunched,
            subject_id: Some(c.id),
            details: details.clone(),
            link: link.clone(),
        }));
    }
    notifications::deliver(db, &state.config.base_url, actor.tenant_id, notices).await?;
    Ok(())
}
