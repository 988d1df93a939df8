//! The partner directory and partner profiles.

use super::present::{partner_summary, user_row};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::organization;
use crate::ssr::permission::{On, Permission};
use crate::ssr::repo::{begin_write, channel, organizations, users};
use crate::ssr::services::partner_types::ProgramTypes;
use crate::ssr::services::tiers::ProgramTiers;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::form::check;
use crate::types::views::{
    ChannelStep, Contact, IdName, PartnerDetail, PartnerFilter, PartnerList, PartnerSummary,
};
use crate::types::{Choice, FormErrors, OrgKind, Region, Segment};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use std::collections::HashMap;

/// Summaries with parent and manager names filled in (two queries per page).
pub async fn summaries(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    rows: &[organization::Model],
) -> AppResult<Vec<PartnerSummary>> {
    let parent_ids: Vec<i64> = rows.iter().filter_map(|o| o.parent_id).collect();
    let manager_ids: Vec<i64> = rows.iter().filter_map(|o| o.channel_manager_id).collect();
    let parents: HashMap<i64, String> = organizations::names(db, tenant_id, parent_ids)
        .await?
        .into_iter()
        .collect();
    let managers: HashMap<i64, String> = users::names(db, tenant_id, manager_ids)
        .await?
        .into_iter()
        .collect();
    let tiers = ProgramTiers::load(db, tenant_id).await?;
    let types = ProgramTypes::load(db, tenant_id).await?;
    Ok(rows
        .iter()
        .map(|o| partner_summary(o, &parents, &managers, &tiers, &types))
        .collect())
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: PartnerFilter,
) -> AppResult<PartnerList> {
    actor.require(Permission::ViewChannel)?;
    // Vendor staff see their part of the program; a partner admin the
    // partners that buy through their company.
    let scope = Scope::channel(actor);
    let (rows, (total, total_capped), more) =
        organizations::page(&state.db, &scope, &filter).await?;
    let next_after = more
        .then(|| rows.last().map(|o| o.id.to_string()))
        .flatten();
    Ok(PartnerList {
        items: summaries(&state.db, actor.tenant_id, &rows).await?,
        total,
        total_capped,
        next_after,
    })
}

/// Whether the actor may edit this company's profile; `org` was loaded
/// through the actor's scope ([`visible_partner`]), which keeps a channel
/// manager to the partners assigned to them.
pub(crate) fn can_edit(actor: &Actor, org: &organization::Model) -> bool {
    actor.may_on(Permission::EditCompanyProfile, On::Company(org.id))
}

pub(crate) async fn visible_partner(
    state: &AppState,
    scope: &Scope<'_>,
    id: i64,
) -> AppResult<organization::Model> {
    organizations::visible(&state.db, scope, id)
        .await?
        .filter(|o| o.kind == OrgKind::Partner)
        .ok_or(AppError::NotFound)
}

pub async fn detail(state: &AppState, actor: &Actor, id: i64) -> AppResult<PartnerDetail> {
    // Read through the channel: a distributor opens its resellers' pages;
    // what it may change there is still asked per record (`can_edit`).
    let scope = Scope::channel(actor);
    let db = &state.db;
    let org = visible_partner(state, &scope, id).await?;
    let buys_through = channel_path(db, &scope, org.id).await?;
    let below = organizations::channel_below(db, &scope, org.id, DIRECT_LISTED).await?;
    let manager = match org.channel_manager_id {
        Some(mid) => users::by_id_in_tenant(db, actor.tenant_id, mid).await?,
        None => None,
    };
    let org_users = users::in_organization(db, &scope, org.id).await?;
    let org_names = HashMap::from([(org.id, org.name.clone())]);
    let can_edit_program = actor.may(Permission::EditPartnerProgram);
    let tiers = ProgramTiers::load(db, actor.tenant_id).await?;
    let types = ProgramTypes::load(db, actor.tenant_id).await?;
    let managers = if can_edit_program {
        organizations::channel_managers(db, actor.tenant_id).await?
    } else {
        Vec::new()
    };
    let choice = |(id, name): (i64, String)| IdName { id, name };
    let logo_url = super::present::logo_url(&org);
    let territory = super::territories::view(db, actor, &org, crate::locale::current()).await?;
    let leads = if org.kind == crate::types::OrgKind::Partner {
        Some(super::leads::settings::partner_view(db, actor, &org).await?)
    } else {
        None
    };
    Ok(PartnerDetail {
        id: org.id,
        name: org.name.clone(),
        partner_type: types.tag(org.partner_type.as_deref(), crate::locale::current()),
        tier: tiers.tag(org.tier.as_deref(), crate::locale::current()),
        region: org.region.as_deref().and_then(Region::parse),
        segment: org.segment.as_deref().and_then(Segment::parse),
        buys_through,
        below,
        channel_manager: manager.map(|m| Contact {
            name: m.name,
            email: m.email,
        }),
        channel_manager_id: org.channel_manager_id,
        can_edit: can_edit(actor, &org),
        can_edit_program,
        managers: managers.into_iter().map(choice).collect(),
        tiers: if can_edit_program {
            tiers.options(crate::locale::current())
        } else {
            Vec::new()
        },
        partner_types: if can_edit_program {
            types.options(crate::locale::current())
        } else {
            Vec::new()
        },
        users: org_users
            .iter()
            .map(|u| user_row(actor, u, &org_names))
            .collect(),
        website: org.website,
        phone: org.phone,
        email: org.email,
        address: org.address,
        city: org.city,
        country: org.country,
        brand_color: org.brand_color,
        logo_url,
        description: org.description,
        version: org.version,
        territory,
        leads,
    })
}

/// How many partners directly below a company its page names.
const DIRECT_LISTED: u64 = 20;

/// The companies `org` buys through, top first, each openable when the
/// reader's scope holds it (a reseller sees its distributor's name but not
/// its page).
async fn channel_path(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    org: i64,
) -> AppResult<Vec<ChannelStep>> {
    let path = channel::path_above(db, scope.tenant_id(), org).await?;
    let ids = path.iter().map(|(id, _)| *id).collect();
    let open = organizations::visible_ids(db, scope, ids).await?;
    Ok(path
        .into_iter()
        .map(|(id, name)| ChannelStep {
            id,
            name,
            open: open.contains(&id),
        })
        .collect())
}

/// Contact data and branding, as typed into the profile form.
#[derive(Clone, Debug, Default)]
pub struct ProfileInput {
    pub website: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub brand_color: String,
    pub description: String,
}

pub struct ValidProfile {
    website: String,
    phone: String,
    email: String,
    address: String,
    city: String,
    country: String,
    brand_color: String,
    description: String,
}

pub fn validate_profile(input: &ProfileInput) -> Result<ValidProfile, FormErrors> {
    let mut e = FormErrors::new().with_values(&[
        ("website", &input.website),
        ("phone", &input.phone),
        ("email", &input.email),
        ("address", &input.address),
        ("city", &input.city),
        ("country", &input.country),
        ("brand_color", &input.brand_color),
        ("description", &input.description),
    ]);
    let website = check::website(&mut e, "website", &input.website);
    let phone = check::phone(&mut e, "phone", &input.phone);
    let email = if input.email.trim().is_empty() {
        String::new()
    } else {
        check::email(&mut e, "email", &input.email)
            .map(|m| m.into_inner())
            .unwrap_or_default()
    };
    let address = check::optional(
        &mut e,
        "address",
        &input.address,
        tr!(checks.the_address),
        200,
    );
    let city = check::optional(&mut e, "city", &input.city, tr!(checks.the_city), 80);
    let country = check::optional(
        &mut e,
        "country",
        &input.country,
        tr!(checks.the_country),
        80,
    );
    let brand_color = check::colour(&mut e, "brand_color", &input.brand_color);
    let description = check::optional(
        &mut e,
        "description",
        &input.description,
        tr!(checks.the_description),
        2000,
    );
    if e.is_empty() {
        Ok(ValidProfile {
            website,
            phone,
            email,
            address,
            city,
            country,
            brand_color,
            description,
        })
    } else {
        Err(e)
    }
}

/// The answer when the profile changed since it was read.
fn stale() -> AppError {
    AppError::Conflict(tr!(partner.stale).into())
}

/// Saves contact data and branding if nobody changed the profile since
/// `version` was read (optimistic concurrency: never a lost update).
pub async fn update_profile(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i32,
    input: ProfileInput,
) -> AppResult<()> {
    let scope = Scope::new(actor);
    let org = visible_partner(state, &scope, id).await?;
    if !can_edit(actor, &org) {
        return Err(AppError::Forbidden);
    }
    let valid = validate_profile(&input).map_err(AppError::Invalid)?;
    use organization::Column as O;
    let res = organization::Entity::update_many()
        .col_expr(O::Website, Expr::value(valid.website))
        .col_expr(O::Phone, Expr::value(valid.phone))
        .col_expr(O::Email, Expr::value(valid.email))
        .col_expr(O::Address, Expr::value(valid.address))
        .col_expr(O::City, Expr::value(valid.city))
        .col_expr(O::Country, Expr::value(valid.country))
        .col_expr(O::BrandColor, Expr::value(valid.brand_color))
        .col_expr(O::Description, Expr::value(valid.description))
        .col_expr(O::Version, Expr::col(O::Version).add(1))
        .col_expr(O::UpdatedAt, Expr::value(super::now()))
        .filter(scope.org_condition())
        .filter(O::Id.eq(org.id))
        .filter(O::Version.eq(version))
        .exec(&state.db)
        .await?;
    if res.rows_affected == 0 {
        return Err(stale());
    }
    Ok(())
}

/// Program placement, as typed into the vendor's form.
#[derive(Clone, Debug, Default)]
pub struct ProgramInput {
    pub name: String,
    /// A partner type's code.
    pub partner_type: String,
    /// A tier's code.
    pub tier: String,
    pub region: Choice<Region>,
    pub segment: Choice<Segment>,
    pub channel_manager_id: String,
    /// The partner it buys through: a name as typed (the field suggests
    /// them) or an id; empty for none.
    pub buys_through: String,
}

struct ValidProgram {
    name: String,
    partner_type: String,
    tier: String,
    region: String,
    segment: String,
    channel_manager_id: Option<i64>,
    parent_id: Option<i64>,
}

async fn validate_program(
    state: &AppState,
    actor: &Actor,
    input: &ProgramInput,
    self_id: Option<i64>,
) -> AppResult<ValidProgram> {
    let mut e = FormErrors::new().with_values(&[
        ("name", &input.name),
        ("partner_type", &input.partner_type),
        ("tier", &input.tier),
        ("region", &input.region.raw()),
        ("segment", &input.segment.raw()),
        ("channel_manager_id", &input.channel_manager_id),
        ("buys_through", &input.buys_through),
    ]);
    let name = check::required(
        &mut e,
        "name",
        &input.name,
        tr!(checks.the_company_name),
        120,
    );
    let tiers = ProgramTiers::load(&state.db, actor.tenant_id).await?;
    let types = ProgramTypes::load(&state.db, actor.tenant_id).await?;
    let partner_type = Some(input.partner_type.trim())
        .filter(|code| types.knows(code))
        .map(str::to_owned);
    if partner_type.is_none() {
        e.add("partner_type", tr!(partner.choose_type));
    }
    let tier = Some(input.tier.trim())
        .filter(|code| tiers.knows(code))
        .map(str::to_owned);
    if tier.is_none() {
        e.add("tier", tr!(partner.choose_tier));
    }
    let region = input
        .region
        .require(&mut e, "region", tr!(partner.choose_region));
    let segment = input
        .segment
        .require(&mut e, "segment", tr!(partner.choose_segment));
    let channel_manager_id =
        chosen_channel_manager(state, actor, &mut e, &input.channel_manager_id).await?;
    let parent_id =
        chosen_parent(state, actor, &types, &mut e, &input.buys_through, self_id).await?;
    let (Some(partner_type), Some(tier), Some(region), Some(segment)) =
        (partner_type, tier, region, segment)
    else {
        return Err(AppError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    Ok(ValidProgram {
        name,
        partner_type,
        tier,
        region: region.as_str().to_owned(),
        segment: segment.as_str().to_owned(),
        channel_manager_id,
        parent_id,
    })
}

/// One of the program's channel managers, or none when left empty.
async fn chosen_channel_manager(
    state: &AppState,
    actor: &Actor,
    e: &mut FormErrors,
    raw: &str,
) -> AppResult<Option<i64>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let managers = organizations::channel_managers(&state.db, actor.tenant_id).await?;
    let chosen = raw
        .parse::<i64>()
        .ok()
        .filter(|id| managers.iter().any(|(m, _)| m == id));
    if chosen.is_none() {
        e.add("channel_manager_id", tr!(partner.choose_manager));
    }
    Ok(chosen)
}

/// The partner a partner buys through, or none when left empty: one of the
/// program's partners whose type has partners under it, neither the partner
/// itself nor one below it (the channel is a tree, however deep).
async fn chosen_parent(
    state: &AppState,
    actor: &Actor,
    types: &ProgramTypes,
    e: &mut FormErrors,
    raw: &str,
    self_id: Option<i64>,
) -> AppResult<Option<i64>> {
    const FIELD: &str = "buys_through";
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let scope = Scope::new(actor);
    let Some(parent) = organizations::partner_by_id_or_name(&state.db, &scope, raw).await? else {
        e.add(
            FIELD,
            super::funds::partner_problem(raw, tr!(partner.choose_parent)),
        );
        return Ok(None);
    };
    let problem = if Some(parent.id) == self_id {
        Some(tr!(partner.parent_is_itself).to_string())
    } else if !types.distributes(parent.partner_type.as_deref()) {
        let kind = types.name(
            parent.partner_type.as_deref().unwrap_or_default(),
            crate::locale::current(),
        );
        Some(
            tr!(
                partner.parent_sells_direct,
                name = &parent.name,
                kind = &kind
            )
            .to_string(),
        )
    } else if let Some(own) = self_id {
        channel::is_below(&state.db, actor.tenant_id, parent.id, own)
            .await?
            .then(|| tr!(partner.parent_is_below, name = &parent.name).to_string())
    } else {
        None
    };
    match problem {
        Some(message) => {
            e.add(FIELD, message);
            Ok(None)
        }
        None => Ok(Some(parent.id)),
    }
}

pub async fn update_program(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i32,
    input: ProgramInput,
) -> AppResult<()> {
    actor.require(Permission::EditPartnerProgram)?;
    let scope = Scope::new(actor);
    let org = visible_partner(state, &scope, id).await?;
    let v = validate_program(state, actor, &input, Some(org.id)).await?;
    let moved = v.parent_id != org.parent_id;
    use organization::Column as O;
    let txn = begin_write(&state.db).await?;
    if moved {
        channel::serialize_moves(&txn, actor.tenant_id).await?;
        // Checked again under the lock: a move committed since the form
        // was validated may have put the new parent below this partner.
        if let Some(parent) = v.parent_id {
            if channel::is_below(&txn, actor.tenant_id, parent, org.id).await? {
                return Err(stale());
            }
        }
    }
    let res = organization::Entity::update_many()
        .col_expr(O::Name, Expr::value(v.name))
        .col_expr(O::PartnerType, Expr::value(v.partner_type))
        .col_expr(O::Tier, Expr::value(v.tier))
        .col_expr(O::Region, Expr::value(v.region))
        .col_expr(O::Segment, Expr::value(v.segment))
        .col_expr(O::ChannelManagerId, Expr::value(v.channel_manager_id))
        .col_expr(O::ParentId, Expr::value(v.parent_id))
        .col_expr(O::Version, Expr::col(O::Version).add(1))
        .col_expr(O::UpdatedAt, Expr::value(super::now()))
        .filter(scope.org_condition())
        .filter(O::Id.eq(org.id))
        .filter(O::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(stale());
    }
    if moved {
        channel::place(&txn, actor.tenant_id, org.id, v.parent_id).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Adds a partner company to the program; returns its id.
pub async fn create(state: &AppState, actor: &Actor, input: ProgramInput) -> AppResult<i64> {
    actor.require(Permission::AddPartners)?;
    let v = validate_program(state, actor, &input, None).await?;
    let now = super::now();
    // A new partner has nobody below it, so no move can close a loop.
    let txn = begin_write(&state.db).await?;
    let org = organization::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        kind: Set(OrgKind::Partner),
        name: Set(v.name),
        partner_type: Set(Some(v.partner_type)),
        tier: Set(Some(v.tier)),
        region: Set(Some(v.region)),
        segment: Set(Some(v.segment)),
        parent_id: Set(v.parent_id),
        channel_manager_id: Set(v.channel_manager_id),
        website: Set(String::new()),
        phone: Set(String::new()),
        email: Set(String::new()),
        address: Set(String::new()),
        city: Set(String::new()),
        country: Set(String::new()),
        brand_color: Set("#1f6feb".into()),
        logo_key: Set(None),
        description: Set(String::new()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if v.parent_id.is_some() {
        channel::place(&txn, actor.tenant_id, org.id, v.parent_id).await?;
    }
    txn.commit().await?;
    Ok(org.id)
}
