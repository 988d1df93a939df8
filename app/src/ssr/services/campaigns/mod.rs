//! Through-channel campaigns: vendors build and publish a campaign, partners
//! in its audience opt in, co-brand its assets, import their contacts and
//! send its e-mail under their own name; everything sent is tracked.

pub mod contacts;
pub mod delivery;
pub mod images;
pub mod manage;
pub mod participate;
pub mod report;
pub mod sends;
pub mod tracking;

use crate::error::{AppError, AppResult};
use crate::ssr::entities::{campaign, campaign_participant as participant, organization};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::tiers::Audiences;
use crate::ssr::{Actor, AppState};
use crate::types::campaign::CampaignStatus;
use crate::types::org::Region;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

pub(crate) fn list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub(crate) fn status_of(c: &campaign::Model) -> CampaignStatus {
    c.status
}

/// Whether a partner company is in the campaign's audience.
pub fn meant_for(c: &campaign::Model, org: &organization::Model) -> bool {
    let fits = |wanted: &str, has: &Option<String>| {
        let wanted = list(wanted);
        wanted.is_empty() || has.as_ref().is_some_and(|x| wanted.contains(x))
    };
    fits(&c.audience_tiers, &org.tier)
        && fits(&c.audience_types, &org.partner_type)
        && fits(&c.audience_regions, &org.region)
}

/// "Gold tier · MSPs · EMEA", or "All partners".
pub fn audience(c: &campaign::Model, tiers: &Audiences) -> String {
    audience_in(c, tiers, crate::locale::current())
}

/// The same in `locale` (mail to someone else).
pub fn audience_in(
    c: &campaign::Model,
    program: &Audiences,
    locale: crate::locale::Locale,
) -> String {
    let labels = |raw: &str, label: &dyn Fn(&str) -> Option<String>| {
        list(raw)
            .iter()
            .filter_map(|s| label(s))
            .collect::<Vec<_>>()
    };
    let tiers = labels(&c.audience_tiers, &|s| {
        program
            .tiers
            .knows(s)
            .then(|| program.tiers.name(s, locale))
    });
    let types = labels(&c.audience_types, &|s| {
        program
            .types
            .knows(s)
            .then(|| program.types.name(s, locale))
    });
    let regions = labels(&c.audience_regions, &|s| {
        Region::parse(s).map(|r| r.label_in(locale).to_owned())
    });
    let mut parts = Vec::new();
    if !tiers.is_empty() {
        let tiers = tiers.join(", ");
        parts.push(crate::tr_in!(locale, campaigns.tier_audience, tiers).to_string());
    }
    if !types.is_empty() {
        parts.push(types.join(", "));
    }
    if !regions.is_empty() {
        parts.push(regions.join(", "));
    }
    if parts.is_empty() {
        crate::tr_in!(locale, campaigns.all_partners).into()
    } else {
        parts.join(" · ")
    }
}

pub(crate) async fn find(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    id: i64,
) -> AppResult<campaign::Model> {
    in_tenant::<campaign::Entity>(tenant_id)
        .filter(campaign::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A campaign the actor may open: any for vendor staff; for a partner, a
/// running one meant for its company, or one it already joined.
pub async fn visible(state: &AppState, actor: &Actor, id: i64) -> AppResult<campaign::Model> {
    let c = find(&state.db, actor.tenant_id, id).await?;
    if actor.role.is_vendor_staff() {
        return Ok(c);
    }
    if joined(&state.db, actor, c.id).await?.is_some() && status_of(&c) != CampaignStatus::Draft {
        return Ok(c);
    }
    let org = super::cobrand::templates::own_org(state, actor).await?;
    if status_of(&c) == CampaignStatus::Published && meant_for(&c, &org) {
        Ok(c)
    } else {
        Err(AppError::NotFound)
    }
}

/// The actor's company's opt-in to a campaign, if any.
pub async fn joined(
    db: &impl ConnectionTrait,
    actor: &Actor,
    campaign_id: i64,
) -> AppResult<Option<participant::Model>> {
    Ok(in_tenant::<participant::Entity>(actor.tenant_id)
        .filter(participant::Column::CampaignId.eq(campaign_id))
        .filter(participant::Column::OrgId.eq(actor.organization_id))
        .one(db)
        .await?)
}
