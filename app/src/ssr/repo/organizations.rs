use super::{channel, territories};
use crate::ssr::entities::{organization, user};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::Scope;
use crate::types::territory::{postcode_key, Country};
use crate::types::views::{ChannelBelow, IdName, PartnerFilter};
use crate::types::{OrgKind, Role};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

pub const PAGE_SIZE: u64 = 20;

pub async fn visible(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    id: i64,
) -> Result<Option<organization::Model>, DbErr> {
    scope
        .organizations()
        .filter(organization::Column::Id.eq(id))
        .one(db)
        .await
}

/// Counting a directory stops here: past it the page says "more than
/// 200 match", and a program of 100,000 partners counts what one of 300
/// does.
pub const COUNT_CAP: u64 = 200;

/// Partners matching the directory filters other than the place, before
/// paging.
fn filtered(scope: &Scope<'_>, filter: &PartnerFilter) -> Select<organization::Entity> {
    use organization::Column as O;
    let mut query = scope.partners();
    let q = filter.q.trim();
    if !q.is_empty() {
        let pattern = super::contains_pattern(q);
        let mut any = Condition::any();
        for col in [O::Name, O::City, O::Country] {
            any = any.add(
                Expr::expr(Func::lower(Expr::col((organization::Entity, col))))
                    .like(LikeExpr::new(pattern.clone()).escape('\\')),
            );
        }
        query = query.filter(any);
    }
    for (col, value) in [
        (O::Tier, &filter.tier),
        (O::Region, &filter.region),
        (O::PartnerType, &filter.partner_type),
    ] {
        if !value.is_empty() {
            query = query.filter(col.eq(value.as_str()));
        }
    }
    query
}

/// The place a directory filter asks about: a country, and a postcode in
/// it (`postcode_key`, possibly empty).
fn place_of(filter: &PartnerFilter) -> Option<(Country, String)> {
    Country::parse(&filter.country).map(|c| (c, postcode_key(&filter.postcode)))
}

/// How a query asks "works at the place". Which is cheaper depends on how
/// many partners do: few are best found from the place index and sorted,
/// many by walking the names in order and asking each.
#[derive(Clone, Copy)]
enum PlaceLookup {
    FromPlaceIndex,
    PerPartner,
}

fn at_place(
    query: Select<organization::Entity>,
    scope: &Scope<'_>,
    place: &Option<(Country, String)>,
    lookup: PlaceLookup,
) -> Select<organization::Entity> {
    let Some((country, postcode)) = place else {
        return query;
    };
    let tenant = scope.tenant_id();
    query.filter(match lookup {
        PlaceLookup::FromPlaceIndex => organization::Column::Id
            .in_subquery(territories::partners_working_in(tenant, *country, postcode)),
        PlaceLookup::PerPartner => Expr::exists(territories::works_in(
            tenant,
            (organization::Entity, organization::Column::Id),
            *country,
            postcode,
        )),
    })
}

/// How to ask "works at the place" for this filter: from the place index
/// when no more areas answer than the cap (then no more partners do, and
/// sorting them is cheap), else per partner in name order (then at least
/// one partner in a few hundred matches, so a page is found soon).
async fn place_lookup(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    place: &Option<(Country, String)>,
) -> Result<PlaceLookup, DbErr> {
    let Some((country, postcode)) = place else {
        return Ok(PlaceLookup::FromPlaceIndex);
    };
    let areas =
        territories::count_areas_up_to(db, scope.tenant_id(), *country, postcode, COUNT_CAP + 1)
            .await?;
    Ok(if areas > COUNT_CAP {
        PlaceLookup::PerPartner
    } else {
        PlaceLookup::FromPlaceIndex
    })
}

/// How many partners match, up to one past [`COUNT_CAP`]. A place filter
/// alone, read by someone who sees every partner, is counted in the place
/// index (each area names a partner of the program); anything narrower
/// asks each partner.
async fn count(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    filter: &PartnerFilter,
    place: &Option<(Country, String)>,
    lookup: PlaceLookup,
) -> Result<u64, DbErr> {
    let only_place = filter.q.trim().is_empty()
        && filter.tier.is_empty()
        && filter.region.is_empty()
        && filter.partner_type.is_empty();
    match place {
        Some((country, postcode)) if only_place && scope.actor().role.sees_all_partners() => {
            let partners = territories::partners_working_in(scope.tenant_id(), *country, postcode)
                .distinct()
                .to_owned();
            super::count_rows_up_to(db, partners, COUNT_CAP + 1).await
        }
        _ => {
            let matching = at_place(filtered(scope, filter), scope, place, lookup);
            super::count_up_to(db, matching, COUNT_CAP + 1).await
        }
    }
}

/// One page ordered by (name, id), continuing after the row `after` (keyset:
/// page 1,000 costs what page 1 costs), with the count of matches up to
/// [`COUNT_CAP`] and whether there were more.
pub async fn page(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    filter: &PartnerFilter,
) -> Result<(Vec<organization::Model>, (u64, bool), bool), DbErr> {
    use organization::Column as O;
    let place = place_of(filter);
    let lookup = place_lookup(db, scope, &place).await?;
    let counted = count(db, scope, filter, &place, lookup).await?;
    let capped = counted > COUNT_CAP;
    let mut query = at_place(filtered(scope, filter), scope, &place, lookup);
    if let Ok(after_id) = filter.after.parse::<i64>() {
        if let Some(last) = visible(db, scope, after_id).await? {
            query = query.filter(
                Condition::any().add(O::Name.gt(last.name.clone())).add(
                    Condition::all()
                        .add(O::Name.eq(last.name))
                        .add(O::Id.gt(last.id)),
                ),
            );
        }
    }
    let mut rows = query
        .order_by_asc(O::Name)
        .order_by_asc(O::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok((rows, (Ord::min(counted, COUNT_CAP), capped), more))
}

/// A visible partner named by the user: an id (as a picker sends it) or the
/// name typed into a field (case-insensitive), for programs too large to
/// list every partner in a form.
pub async fn partner_by_id_or_name(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    raw: &str,
) -> Result<Option<organization::Model>, DbErr> {
    by_id_or_name(db, scope.partners(), raw).await
}

/// The organisation of `query` that `raw` names: its id, or its name
/// (case-insensitive); the oldest of several with one name.
pub async fn by_id_or_name(
    db: &impl ConnectionTrait,
    query: Select<organization::Entity>,
    raw: &str,
) -> Result<Option<organization::Model>, DbErr> {
    use organization::Column as O;
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let query = match raw.parse::<i64>() {
        Ok(id) => query.filter(O::Id.eq(id)),
        // The exact spelling too: SQLite's lower() folds ASCII letters only.
        Err(_) => query.filter(
            Condition::any().add(O::Name.eq(raw)).add(
                Expr::expr(Func::lower(Expr::col((organization::Entity, O::Name))))
                    .eq(raw.to_lowercase()),
            ),
        ),
    };
    query.order_by_asc(O::Id).one(db).await
}

/// (id, name) of the selected organisations, by name.
async fn id_names(
    db: &impl ConnectionTrait,
    query: Select<organization::Entity>,
) -> Result<Vec<(i64, String)>, DbErr> {
    query
        .select_only()
        .column(organization::Column::Id)
        .column(organization::Column::Name)
        .order_by_asc(organization::Column::Name)
        .order_by_asc(organization::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// Organisations a picker lists before the form takes a typed name
/// instead (a program may hold 100,000 partners).
pub const PICK_LIMIT: u64 = 300;

/// The organisations of `query` as (id, name) by name, for a picker: up to
/// [`PICK_LIMIT`], and whether that is all of them.
pub async fn picker(
    db: &impl ConnectionTrait,
    query: Select<organization::Entity>,
) -> Result<(Vec<(i64, String)>, bool), DbErr> {
    let mut list = id_names(db, query.limit(PICK_LIMIT + 1)).await?;
    let all = list.len() as u64 <= PICK_LIMIT;
    list.truncate(PICK_LIMIT as usize);
    Ok((list, all))
}

/// Names of organisations by id, within the tenant (for parent distributors).
pub async fn names(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    ids: Vec<i64>,
) -> Result<Vec<(i64, String)>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    organization::Entity::find()
        .select_only()
        .column(organization::Column::Id)
        .column(organization::Column::Name)
        .filter(tenant_is::<organization::Entity>(tenant_id))
        .filter(organization::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await
}

/// The partners that buy through `org`, among those the reader's scope
/// holds: how many at every depth (up to [`COUNT_CAP`]) and, by name, the
/// first `direct_limit` directly below it.
pub async fn channel_below(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    org: i64,
    direct_limit: u64,
) -> Result<ChannelBelow, DbErr> {
    use organization::Column as O;
    let everyone = scope
        .partners()
        .filter(O::Id.in_subquery(channel::below(scope.tenant_id(), org)));
    let total = super::count_up_to(db, everyone, COUNT_CAP + 1).await?;
    let mut direct = id_names(
        db,
        scope
            .partners()
            .filter(O::ParentId.eq(org))
            .limit(direct_limit + 1),
    )
    .await?;
    let direct_more = direct.len() as u64 > direct_limit;
    direct.truncate(direct_limit as usize);
    Ok(ChannelBelow {
        total: Ord::min(total, COUNT_CAP),
        total_capped: total > COUNT_CAP,
        direct: direct
            .into_iter()
            .map(|(id, name)| IdName { id, name })
            .collect(),
        direct_more,
    })
}

/// Which of `ids` the reader's scope holds.
pub async fn visible_ids(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    ids: Vec<i64>,
) -> Result<Vec<i64>, DbErr> {
    use organization::Column as O;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    scope
        .organizations()
        .select_only()
        .column(O::Id)
        .filter(O::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await
}

/// Counts of visible partners grouped by one column.
pub async fn count_by(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    column: organization::Column,
) -> Result<Vec<(Option<String>, i64)>, DbErr> {
    scope
        .partners()
        .select_only()
        .column(column)
        .column_as(organization::Column::Id.count(), "n")
        .group_by(column)
        .into_tuple()
        .all(db)
        .await
}

pub async fn vendor_org(
    db: &impl ConnectionTrait,
    tenant_id: i64,
) -> Result<Option<organization::Model>, DbErr> {
    in_tenant::<organization::Entity>(tenant_id)
        .filter(organization::Column::Kind.eq(OrgKind::Vendor))
        .order_by_asc(organization::Column::Id)
        .one(db)
        .await
}

/// Active channel managers of the tenant, for assignment.
pub async fn channel_managers(
    db: &impl ConnectionTrait,
    tenant_id: i64,
) -> Result<Vec<(i64, String)>, DbErr> {
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(tenant_is::<user::Entity>(tenant_id))
        .filter(user::Column::Role.eq(Role::ChannelManager))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .into_tuple()
        .all(db)
        .await
}
