//! What partners and vendor staff see of campaigns, and a partner's opt-in
//! (which starts the company's own co-branded copies of the assets).

use super::report::{self, By};
use super::{audience, joined, list, meant_for, status_of, visible};
use crate::cobrand::Values;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{
    campaign, campaign_participant as participant, campaign_send as send, cobrand_design as design,
    cobrand_template as template, contact, fund_request,
};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{db_error, is_unique_violation};
use crate::ssr::scope::in_tenant;
use crate::ssr::scope::CountedOrgs;
use crate::ssr::services::cobrand::{designs, templates::own_org};
use crate::ssr::services::now;
use crate::ssr::services::tiers::Audiences;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::campaign::SendStatus;
use crate::types::campaign::{
    CampaignAsset, CampaignCard, CampaignDetail, CampaignStatus, CampaignsPage, DayCount,
    PartnerResult, SendStats, SendView,
};
use crate::types::cobrand::TemplateKind;
use crate::types::localized::Texts;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, Set, Statement,
};
use std::collections::HashMap;

fn card(
    tiers: &Audiences,
    c: &campaign::Model,
    joined: bool,
    partners: u64,
    stats: SendStats,
) -> CampaignCard {
    CampaignCard {
        id: c.id,
        name: c.name_for(crate::locale::current()),
        goal: c.goal_for(crate::locale::current()),
        period: format!(
            "{} – {}",
            crate::locale::date(c.starts_on),
            crate::locale::date(c.ends_on)
        ),
        status: status_of(c),
        audience: audience(c, tiers),
        joined,
        partners,
        stats,
    }
}

#[derive(FromQueryResult)]
struct Joined {
    campaign_id: i64,
    partners: i64,
}

async fn partner_counts(db: &impl ConnectionTrait, tenant_id: i64) -> AppResult<HashMap<i64, u64>> {
    let backend = db.get_database_backend();
    let p = if backend == sea_orm::DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    Ok(Joined::find_by_statement(Statement::from_sql_and_values(
        backend,
        format!("SELECT campaign_id, COUNT(*) AS partners FROM campaign_participants WHERE tenant_id = {p} GROUP BY campaign_id"),
        [tenant_id.into()],
    ))
    .all(db)
    .await?
    .into_iter()
    .map(|j| (j.campaign_id, j.partners.max(0) as u64))
    .collect())
}

/// The campaign list: every campaign for vendor staff; for a partner, the
/// running ones meant for its company and those it has joined.
pub async fn page(state: &AppState, actor: &Actor) -> AppResult<CampaignsPage> {
    let tiers = Audiences::load(&state.db, actor.tenant_id).await?;
    let all = in_tenant::<campaign::Entity>(actor.tenant_id)
        .order_by_desc(campaign::Column::Id)
        .all(&state.db)
        .await?;
    if actor.role.is_vendor_staff() {
        let counts = partner_counts(&state.db, actor.tenant_id).await?;
        // A channel manager's totals count only the partners they manage.
        let mut stats = report::stats(
            &state.db,
            actor.tenant_id,
            None,
            Scope::new(actor).counted_orgs(),
            By::Campaign,
        )
        .await?;
        return Ok(CampaignsPage {
            can_manage: actor.may(Permission::ManageCampaigns),
            is_partner: false,
            campaigns: all
                .iter()
                .map(|c| {
                    card(
                        &tiers,
                        c,
                        false,
                        counts.get(&c.id).copied().unwrap_or(0),
                        stats.remove(&c.id).unwrap_or_default(),
                    )
                })
                .collect(),
        });
    }
    let org = own_org(state, actor).await?;
    let mine: Vec<i64> = in_tenant::<participant::Entity>(actor.tenant_id)
        .filter(participant::Column::OrgId.eq(actor.organization_id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| p.campaign_id)
        .collect();
    let mut stats = report::stats(
        &state.db,
        actor.tenant_id,
        None,
        CountedOrgs::One(actor.organization_id),
        By::Campaign,
    )
    .await?;
    let campaigns = all
        .iter()
        .filter(|c| {
            let joined = mine.contains(&c.id);
            match status_of(c) {
                CampaignStatus::Published => joined || meant_for(c, &org),
                CampaignStatus::Paused | CampaignStatus::Ended => joined,
                CampaignStatus::Draft => false,
            }
        })
        .map(|c| {
            card(
                &tiers,
                c,
                mine.contains(&c.id),
                0,
                stats.remove(&c.id).unwrap_or_default(),
            )
        })
        .collect();
    Ok(CampaignsPage {
        can_manage: false,
        is_partner: true,
        campaigns,
    })
}

async fn template_names(
    state: &AppState,
    tenant_id: i64,
    ids: Vec<i64>,
) -> AppResult<HashMap<i64, template::Model>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(in_tenant::<template::Entity>(tenant_id)
        .filter(template::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect())
}

fn ids(raw: &str) -> Vec<i64> {
    list(raw).iter().filter_map(|s| s.parse().ok()).collect()
}

/// Everything the campaign page shows, for vendor staff or a partner;
/// `focus` picks one partner company's activity for the vendor's chart.
pub async fn detail(
    state: &AppState,
    actor: &Actor,
    id: i64,
    focus: Option<i64>,
) -> AppResult<CampaignDetail> {
    let c = visible(state, actor, id).await?;
    let tiers = Audiences::load(&state.db, actor.tenant_id).await?;
    let is_partner = !actor.role.is_vendor_staff();
    let part = if is_partner {
        joined(&state.db, actor, c.id).await?
    } else {
        None
    };
    let assets = AssetViews::load(state, actor, &c, part.as_ref()).await?;
    let activity = if is_partner {
        partner_activity(state, actor, c.id).await?
    } else {
        vendor_activity(state, actor, c.id, focus).await?
    };
    Ok(CampaignDetail {
        time_zone: actor.time_zone.name().to_owned(),
        card: card(
            &tiers,
            &c,
            part.is_some(),
            activity.partners.len() as u64,
            activity.stats,
        ),
        description: c.description_for(crate::locale::current()),
        texts: (!is_partner).then(|| {
            Texts::of(
                &c.language,
                &c.translations,
                &[
                    ("name", &c.name),
                    ("goal", &c.goal),
                    ("description", &c.description),
                ],
            )
        }),
        starts_on: c.starts_on,
        ends_on: c.ends_on,
        tiers: list(&c.audience_tiers),
        types: list(&c.audience_types),
        regions: list(&c.audience_regions),
        email_template_id: c.email_template_id,
        email_template_name: assets.email_template_name,
        email_subject: c.email_subject.clone(),
        assets: assets.material,
        social_template_id: c.social_template_id,
        social_copy: c.social_copy.clone(),
        schedule: c
            .schedule
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        version: c.version,
        can_manage: actor.may(Permission::ManageCampaigns),
        is_partner,
        email_design: assets.email_design,
        social_design: assets.social_design,
        mailable_contacts: activity.mailable,
        sends: activity.sends,
        fund_requests: activity.fund_requests,
        partners: activity.partners,
        focus: activity.focused,
        days: activity.days,
    })
}

/// A campaign's templates as the page lists them, each with the partner's
/// own design of it where one exists.
struct AssetViews {
    material: Vec<CampaignAsset>,
    email_template_name: String,
    email_design: Option<CampaignAsset>,
    social_design: Option<CampaignAsset>,
}

impl AssetViews {
    async fn load(
        state: &AppState,
        actor: &Actor,
        c: &campaign::Model,
        part: Option<&participant::Model>,
    ) -> AppResult<Self> {
        let material_ids = ids(&c.asset_template_ids);
        let mut wanted = material_ids.clone();
        wanted.extend(c.email_template_id);
        wanted.extend(c.social_template_id);
        let templates = template_names(state, actor.tenant_id, wanted).await?;
        let designs = if !actor.role.is_vendor_staff() {
            latest_designs(state, actor).await?
        } else {
            HashMap::new()
        };
        let view = |template_id: i64, design: Option<&design::Model>| {
            let template = templates.get(&template_id);
            CampaignAsset {
                template_id,
                name: template
                    .map(|t| t.name_for(crate::locale::current()))
                    .unwrap_or_default(),
                kind: template.map_or(TemplateKind::Svg, |t| t.kind),
                design_id: design.map(|d| d.id),
                design_status: design.map(|d| d.status),
            }
        };
        // The design the partner chose for the campaign's e-mail or post.
        let chosen = |design_id: Option<i64>, template_id: Option<i64>| {
            let design = design_id.and_then(|id| designs.values().find(|d| d.id == id));
            template_id.map(|t| view(t, design))
        };
        Ok(AssetViews {
            material: material_ids
                .iter()
                .map(|t| view(*t, designs.get(t)))
                .collect(),
            email_template_name: c
                .email_template_id
                .and_then(|t| templates.get(&t))
                .map(|t| t.name_for(crate::locale::current()))
                .unwrap_or_default(),
            email_design: part.and_then(|p| chosen(p.email_design_id, c.email_template_id)),
            social_design: part.and_then(|p| chosen(p.social_design_id, c.social_template_id)),
        })
    }
}

/// The partner company's latest design of each template.
async fn latest_designs(state: &AppState, actor: &Actor) -> AppResult<HashMap<i64, design::Model>> {
    Ok(in_tenant::<design::Entity>(actor.tenant_id)
        .filter(design::Column::OrgId.eq(actor.organization_id))
        .order_by_asc(design::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|d| (d.template_id, d))
        .collect())
}

/// A campaign's results as the actor sees them: a partner its own sends,
/// contacts and fund requests; vendor staff every partner they may see, and
/// the day chart of one partner they focus on.
#[derive(Default)]
struct Activity {
    stats: SendStats,
    days: Vec<DayCount>,
    sends: Vec<SendView>,
    mailable: u64,
    fund_requests: Vec<(i64, String, String)>,
    partners: Vec<PartnerResult>,
    focused: Option<PartnerResult>,
}

async fn partner_activity(
    state: &AppState,
    actor: &Actor,
    campaign_id: i64,
) -> AppResult<Activity> {
    let db = &state.db;
    let org = CountedOrgs::One(actor.organization_id);
    let mut per_send = report::stats(db, actor.tenant_id, Some(campaign_id), org, By::Send).await?;
    let stats = report::stats(db, actor.tenant_id, Some(campaign_id), org, By::Campaign)
        .await?
        .remove(&campaign_id)
        .unwrap_or_default();
    let sends = in_tenant::<send::Entity>(actor.tenant_id)
        .filter(send::Column::CampaignId.eq(campaign_id))
        .filter(send::Column::OrgId.eq(actor.organization_id))
        .order_by_desc(send::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            let stats = per_send.remove(&s.id).unwrap_or_default();
            SendView {
                id: s.id,
                subject: s.subject,
                scheduled_at: actor.time(s.scheduled_at),
                recipients: s.recipients,
                cancelled: s.status == SendStatus::Cancelled,
                pending: stats.queued > 0,
                stats,
            }
        })
        .collect();
    let mailable = in_tenant::<contact::Entity>(actor.tenant_id)
        .filter(contact::Column::OrgId.eq(actor.organization_id))
        .filter(contact::Column::UnsubscribedAt.is_null())
        .count(db)
        .await?;
    let fund_requests = in_tenant::<fund_request::Entity>(actor.tenant_id)
        .filter(fund_request::Column::PartnerId.eq(actor.organization_id))
        .filter(fund_request::Column::CampaignId.eq(campaign_id))
        .order_by_desc(fund_request::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.title, r.status.label().to_owned()))
        .collect();
    let days = report::days(db, actor.tenant_id, campaign_id, org, actor.time_zone).await?;
    Ok(Activity {
        stats,
        days,
        sends,
        mailable,
        fund_requests,
        ..Activity::default()
    })
}

async fn vendor_activity(
    state: &AppState,
    actor: &Actor,
    campaign_id: i64,
    focus: Option<i64>,
) -> AppResult<Activity> {
    let db = &state.db;
    let visible = Scope::new(actor).counted_orgs();
    let partners = report::partners(state, actor, campaign_id).await?;
    let stats = report::stats(
        db,
        actor.tenant_id,
        Some(campaign_id),
        visible,
        By::Campaign,
    )
    .await?
    .remove(&campaign_id)
    .unwrap_or_default();
    // Only a partner the actor may see (a channel manager's own).
    let focused = focus.and_then(|o| partners.iter().find(|p| p.org_id == o).cloned());
    let charted = focused
        .as_ref()
        .map_or(visible, |p| CountedOrgs::One(p.org_id));
    let days = report::days(db, actor.tenant_id, campaign_id, charted, actor.time_zone).await?;
    Ok(Activity {
        stats,
        days,
        partners,
        focused,
        ..Activity::default()
    })
}

/// Opts the actor's company in (again: repeating it is harmless) and makes
/// sure it has its own copy of the campaign e-mail and social image.
pub async fn join(state: &AppState, actor: &Actor, id: i64) -> AppResult<()> {
    actor.require(Permission::RunCampaigns)?;
    let c = visible(state, actor, id).await?;
    let existing = joined(&state.db, actor, c.id).await?;
    if existing.is_none() && status_of(&c) != CampaignStatus::Published {
        return Err(AppError::Conflict(tr!(campaigns.not_open).into()));
    }
    let p = match existing {
        Some(p) => p,
        None => {
            let inserted = participant::ActiveModel {
                tenant_id: Set(actor.tenant_id),
                campaign_id: Set(c.id),
                org_id: Set(actor.organization_id),
                email_design_id: Set(None),
                social_design_id: Set(None),
                joined_by: Set(actor.user_id),
                joined_at: Set(now()),
                ..Default::default()
            }
            .insert(&state.db)
            .await;
            match inserted {
                Ok(p) => p,
                // A colleague opted in at the same moment.
                Err(e) if is_unique_violation(&e) => joined(&state.db, actor, c.id)
                    .await?
                    .ok_or(AppError::Internal)?,
                Err(e) => return Err(db_error(e)),
            }
        }
    };
    let make = |template_id: i64, label: &'static str| {
        let name = format!("{} – {label}", c.name_for(crate::locale::current()));
        async move {
            designs::save(
                state,
                actor,
                None,
                template_id,
                0,
                &name,
                &Values::default(),
            )
            .await
            .map_err(|e| match e {
                AppError::NotFound => AppError::Conflict(
                    tr!(campaigns.template_unavailable, kind = label).to_string(),
                ),
                other => other,
            })
        }
    };
    let mut active: participant::ActiveModel = p.clone().into();
    let mut changed = false;
    if let (None, Some(t)) = (p.email_design_id, c.email_template_id) {
        active.email_design_id = Set(Some(make(t, tr!(campaigns.email)).await?));
        changed = true;
    }
    if let (None, Some(t)) = (p.social_design_id, c.social_template_id) {
        active.social_design_id = Set(Some(make(t, tr!(campaigns.social_image)).await?));
        changed = true;
    }
    if changed {
        active.update(&state.db).await?;
    }
    Ok(())
}
