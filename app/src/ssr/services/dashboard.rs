//! The home page per role: the program overview for vendor staff (scoped to
//! their partners for a channel manager), the company view for partners.

use super::partners::summaries;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{fund_request, invitation, organization, user};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{channel, organizations, users};
use crate::ssr::services::partner_types::ProgramTypes;
use crate::ssr::services::tiers::ProgramTiers;
use crate::ssr::{Actor, AppState, Scope};
use crate::types::funds::RequestStatus;
use crate::types::views::{Contact, Count, Dashboard, PartnerDashboard, VendorDashboard};
use crate::types::{Region, Role};
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

pub async fn load(state: &AppState, actor: &Actor) -> AppResult<Dashboard> {
    if actor.role.is_vendor_staff() {
        vendor(state, actor).await.map(Dashboard::Vendor)
    } else {
        partner(state, actor)
            .await
            .map(|d| Dashboard::Partner(Box::new(d)))
    }
}

fn counts(
    rows: Vec<(Option<String>, i64)>,
    label: impl Fn(&str) -> Option<String>,
    order: &[&str],
) -> Vec<Count> {
    let mut out: Vec<(usize, Count)> = rows
        .into_iter()
        .map(|(code, n)| {
            let code = code.unwrap_or_default();
            let rank = order.iter().position(|c| *c == code).unwrap_or(order.len());
            (
                rank,
                Count {
                    label: label(&code).unwrap_or_else(|| crate::tr!(dashboard.not_set).to_owned()),
                    count: n.max(0) as u64,
                },
            )
        })
        .collect();
    out.sort_by_key(|(rank, _)| *rank);
    out.into_iter().map(|(_, c)| c).collect()
}

/// Partners by tier, region and type, each in the program's order and the
/// reader's language.
async fn breakdowns(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
) -> AppResult<(Vec<Count>, Vec<Count>, Vec<Count>)> {
    let reader = crate::locale::current();
    let tiers = ProgramTiers::load(db, scope.tenant_id()).await?;
    let types = ProgramTypes::load(db, scope.tenant_id()).await?;
    let region_order: Vec<&str> = Region::ALL.iter().map(|t| t.as_str()).collect();
    let by_tier = counts(
        organizations::count_by(db, scope, O::Tier).await?,
        |c| tiers.knows(c).then(|| tiers.name(c, reader)),
        &tiers.codes(),
    );
    let by_region = counts(
        organizations::count_by(db, scope, O::Region).await?,
        |c| Region::parse(c).map(|t| t.label().to_owned()),
        &region_order,
    );
    let by_type = counts(
        organizations::count_by(db, scope, O::PartnerType).await?,
        |c| types.knows(c).then(|| types.name(c, reader)),
        &types.codes(),
    );
    Ok((by_tier, by_region, by_type))
}

async fn vendor(state: &AppState, actor: &Actor) -> AppResult<VendorDashboard> {
    let db = &state.db;
    let scope = Scope::new(actor);
    let partner_count = scope.partners().count(db).await?;
    let (by_tier, by_region, by_type) = breakdowns(db, &scope).await?;
    let partner_roles = Role::PARTNER;
    let partner_users = scope
        .users()
        .filter(user::Column::Role.is_in(partner_roles))
        .count(db)
        .await?;
    let never_signed_in = scope
        .users()
        .filter(user::Column::Role.is_in(partner_roles))
        .filter(user::Column::LastSignInAt.is_null())
        .count(db)
        .await?;
    let pending_invitations = scope
        .invitations()
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(super::now()))
        .count(db)
        .await?;
    let unassigned_partners = scope
        .partners()
        .filter(O::ChannelManagerId.is_null())
        .count(db)
        .await?;
    let newest = scope
        .partners()
        .order_by_desc(O::CreatedAt)
        .order_by_desc(O::Id)
        .limit(5)
        .all(db)
        .await?;
    Ok(VendorDashboard {
        partner_count,
        by_tier,
        by_region,
        by_type,
        partner_users,
        pending_invitations,
        unassigned_partners,
        never_signed_in,
        newest_partners: summaries(db, actor.tenant_id, &newest).await?,
        funds: super::funds::totals::visible(state, &scope).await?,
        requests_waiting: if actor.may(Permission::ReviewFunds) {
            scope
                .fund_requests()
                .filter(fund_request::Column::Status.eq(RequestStatus::Submitted))
                .count(db)
                .await?
        } else {
            0
        },
    })
}

async fn partner(state: &AppState, actor: &Actor) -> AppResult<PartnerDashboard> {
    let db = &state.db;
    let scope = Scope::new(actor);
    let org = organizations::visible(db, &scope, actor.organization_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let summary = summaries(db, actor.tenant_id, std::slice::from_ref(&org))
        .await?
        .remove(0);
    let channel_manager = match org.channel_manager_id {
        Some(id) => users::by_id_in_tenant(db, actor.tenant_id, id)
            .await?
            .map(|m| Contact {
                name: m.name,
                email: m.email,
            }),
        None => None,
    };
    let colleagues = scope.users().count(db).await?.saturating_sub(1);
    let pending_invitations = if actor.may(Permission::ManageUsers) {
        scope
            .invitations()
            .filter(invitation::Column::AcceptedAt.is_null())
            .filter(invitation::Column::RevokedAt.is_null())
            .filter(invitation::Column::ExpiresAt.gt(super::now()))
            .count(db)
            .await?
    } else {
        0
    };
    let mut profile_gaps = Vec::new();
    for (value, label) in [
        (&org.website, crate::tr!(dashboard.gap_website)),
        (&org.phone, crate::tr!(dashboard.gap_phone)),
        (&org.email, crate::tr!(dashboard.gap_email)),
        (&org.address, crate::tr!(dashboard.gap_address)),
    ] {
        if value.trim().is_empty() {
            profile_gaps.push(label.to_owned());
        }
    }
    // A partner admin whose company others buy through sees its channel.
    let channel = if actor.may(Permission::ViewChannel)
        && channel::has_partners_below(db, actor.tenant_id, org.id).await?
    {
        let reader = Scope::channel(actor);
        Some(organizations::channel_below(db, &reader, org.id, CHANNEL_LISTED).await?)
    } else {
        None
    };
    Ok(PartnerDashboard {
        partner: summary,
        channel_manager,
        colleagues,
        pending_invitations,
        profile_gaps,
        channel,
        funds: super::funds::totals::visible(state, &scope).await?,
    })
}

/// How many of the partners directly below the dashboard names.
const CHANNEL_LISTED: u64 = 5;

use organization::Column as O;
