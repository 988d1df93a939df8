//! Routing a lead for real: load what routing needs to know of the
//! partners that may work where the lead is, let `routing::decide` choose,
//! write the decision (every candidate and why the winner won) on the lead,
//! and offer it to the winner or put it back in the vendor's queue.

use super::notify;
use super::routing::{self, Decision, LeadPlace, Partner};
use crate::error::AppResult;
use crate::ssr::entities::tenant;
use crate::ssr::entities::{
    lead, lead_miss, lead_partner, lead_routing, organization, partner_family, territory, tier,
};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::business_clock as clock;
use crate::ssr::services::territories::location_of;
use crate::ssr::AppState;
use crate::types::lead::{Candidate, LeadStatus, RoutingKind, RoutingReason};
use crate::types::territory::{Area, Coordinates, Country, Place, Territory, Within};
use crate::types::OrgKind;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Offers missed in a row before a lead goes back to the vendor's queue.
pub const MAX_MISSES: i32 = 3;
/// How far around a lead a partner's service radius is looked for.
const NEARBY_KM: f64 = 300.0;
/// Ids looked up in one `IN (…)` (SQLite's bound-variable limit).
const CHUNK: usize = 5_000;

/// Where the lead is, as routing compares it.
pub fn lead_place(row: &lead::Model) -> LeadPlace {
    LeadPlace {
        place: Place {
            country: Country::parse(&row.country),
            region: row.region.clone(),
            postcode: row.postcode.clone(),
            at: coordinates(row),
        },
        city: row.city.clone(),
        family: row.product_family_id,
        certification: row.certification_id,
    }
}

fn coordinates(row: &lead::Model) -> Option<Coordinates> {
    Some(Coordinates {
        lat_e6: row.latitude_e6?,
        lon_e6: row.longitude_e6?,
    })
}

fn area_of(t: &territory::Model) -> Option<Area> {
    let within = if !t.postcode_prefix.is_empty() {
        Within::Postcodes(t.postcode_prefix.clone())
    } else if !t.region.is_empty() {
        Within::Region(t.region.clone())
    } else {
        Within::WholeCountry
    };
    Some(Area {
        country: Country::parse(&t.country)?,
        within,
    })
}

/// Routes `row` automatically and records it; the lead as it now stands.
pub async fn route(
    db: &impl ConnectionTrait,
    state: &AppState,
    program: &tenant::Model,
    row: lead::Model,
    at: DateTime<Utc>,
) -> AppResult<lead::Model> {
    let routed = in_tenant::<lead_routing::Entity>(row.tenant_id)
        .filter(lead_routing::Column::LeadId.eq(row.id))
        .count(db)
        .await?;
    let seed = ((row.id as u64) << 16) | routed;
    let place = lead_place(&row);
    // Ring by ring, so a lead in a country with thousands of partners
    // loads the full facts of those nearest it, not of all of them.
    let mut partners = Vec::new();
    let mut decision = routing::decide(&place, &partners, program.lead_routing, seed);
    for ring in rings(db, row.tenant_id, &row).await? {
        for chunk in ring.chunks(CHUNK) {
            partners.extend(facts(db, row.tenant_id, &row, chunk, at).await?);
        }
        decision = routing::decide(&place, &partners, program.lead_routing, seed);
        if decision.winner.is_some() {
            break;
        }
    }
    // On the heap: routing runs deep inside other services' futures (a
    // decline, the clocks, the demo's history).
    Box::pin(apply(db, state, program, row, decision, None, at)).await
}

/// Writes a decision and carries it out: an offer to the winner, or the
/// vendor's queue.
pub(super) async fn apply(
    db: &impl ConnectionTrait,
    state: &AppState,
    program: &tenant::Model,
    row: lead::Model,
    decision: Decision,
    by: Option<(i64, RoutingKind)>,
    at: DateTime<Utc>,
) -> AppResult<lead::Model> {
    let kind = match (decision.winner, by) {
        (None, _) => RoutingKind::Queued,
        (Some(_), Some((_, kind))) => kind,
        (Some(_), None) => RoutingKind::Automatic,
    };
    record(db, &row, kind, &decision, by.map(|(who, _)| who), at).await?;
    match decision.winner {
        Some(partner) => Box::pin(offer(db, state, program, row, partner, None, at)).await,
        None => Box::pin(queue(db, state, row, &decision.reason, at)).await,
    }
}

/// Keeps the decision on the lead.
pub(super) async fn record(
    db: &impl ConnectionTrait,
    row: &lead::Model,
    kind: RoutingKind,
    decision: &Decision,
    by: Option<i64>,
    at: DateTime<Utc>,
) -> AppResult<()> {
    lead_routing::ActiveModel {
        tenant_id: Set(row.tenant_id),
        lead_id: Set(row.id),
        kind: Set(kind),
        partner_id: Set(decision.winner),
        reason: Set(serde_json::to_string(&decision.reason).unwrap_or_default()),
        candidates: Set(serde_json::to_string(&decision.candidates).unwrap_or_default()),
        decided_by: Set(by),
        decided_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Offers the lead to `partner` (passed on by `passed_by`, a distributor),
/// to accept within the program's business hours; its users are told.
pub(super) async fn offer(
    db: &impl ConnectionTrait,
    state: &AppState,
    program: &tenant::Model,
    row: lead::Model,
    partner: i64,
    passed_by: Option<i64>,
    at: DateTime<Utc>,
) -> AppResult<lead::Model> {
    let zone = clock::zone(&program.time_zone);
    let hours = u32::try_from(program.lead_accept_hours).unwrap_or(24);
    let due = clock::business_hours_due(at, hours, zone);
    let version = row.version;
    let mut active: lead::ActiveModel = row.into();
    active.status = Set(LeadStatus::Offered);
    active.partner_id = Set(Some(partner));
    active.passed_by_id = Set(passed_by);
    active.offered_at = Set(Some(at));
    active.accept_due_at = Set(Some(due));
    active.accepted_at = Set(None);
    active.accepted_by = Set(None);
    active.version = Set(version + 1);
    active.updated_at = Set(at);
    let row = active.update(db).await?;
    notify::offered(db, state, &row, due.with_timezone(&zone).date_naive()).await?;
    Ok(row)
}

/// Puts the lead back in the vendor's queue; the vendor admins are told.
async fn queue(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: lead::Model,
    reason: &RoutingReason,
    at: DateTime<Utc>,
) -> AppResult<lead::Model> {
    let version = row.version;
    let mut active: lead::ActiveModel = row.into();
    active.status = Set(LeadStatus::Queued);
    active.partner_id = Set(None);
    active.passed_by_id = Set(None);
    active.offered_at = Set(None);
    active.accept_due_at = Set(None);
    active.version = Set(version + 1);
    active.updated_at = Set(at);
    let row = active.update(db).await?;
    notify::queued(db, state, &row, &super::read::reason_text(reason)).await?;
    Ok(row)
}

/// The partners that may work where the lead is: those with an area in
/// its country, and those serving a radius around a point near it.
async fn nearby_ids(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    row: &lead::Model,
) -> AppResult<Vec<i64>> {
    let mut ids: Vec<i64> = in_tenant::<territory::Entity>(tenant_id)
        .filter(territory::Column::Country.eq(row.country.as_str()))
        .select_only()
        .column(territory::Column::PartnerId)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    if let Some(at) = coordinates(row) {
        let lat = NEARBY_KM / 111.0;
        let lon = NEARBY_KM / (111.0 * at.lat().to_radians().cos().max(0.1));
        let e6 = |deg: f64| (deg * 1e6) as i32;
        let around: Vec<i64> = in_tenant::<organization::Entity>(tenant_id)
            .filter(organization::Column::Kind.eq(OrgKind::Partner))
            .filter(
                organization::Column::LatitudeE6.between(at.lat_e6 - e6(lat), at.lat_e6 + e6(lat)),
            )
            .filter(
                organization::Column::LongitudeE6.between(at.lon_e6 - e6(lon), at.lon_e6 + e6(lon)),
            )
            .select_only()
            .column(organization::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        ids.extend(around);
    }
    ids.sort_unstable();
    ids.dedup();
    // Only specialists in the lead's product can take it: weigh no others.
    if let Some(family) = row.product_family_id {
        let specialists: HashSet<i64> = in_tenant::<partner_family::Entity>(tenant_id)
            .filter(partner_family::Column::ProductFamilyId.eq(family))
            .select_only()
            .column(partner_family::Column::PartnerId)
            .into_tuple::<i64>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        ids.retain(|id| specialists.contains(id));
    }
    Ok(ids)
}

/// The partners that may work where the lead is, in rings of nearness
/// (`routing::ring`), nearest first; each ring told from the partners'
/// territories, place and service radius alone.
async fn rings(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    row: &lead::Model,
) -> AppResult<Vec<Vec<i64>>> {
    let place = lead_place(row);
    let mut rings: BTreeMap<u8, Vec<i64>> = BTreeMap::new();
    for chunk in nearby_ids(db, tenant_id, row).await?.chunks(CHUNK) {
        let mut areas = areas_of(db, tenant_id, chunk).await?;
        for o in in_tenant::<organization::Entity>(tenant_id)
            .filter(organization::Column::Id.is_in(chunk.to_vec()))
            .filter(organization::Column::Kind.eq(OrgKind::Partner))
            .all(db)
            .await?
        {
            let where_it_works = Partner {
                id: o.id,
                territory: Territory {
                    areas: areas.remove(&o.id).unwrap_or_default(),
                    location: location_of(&o),
                },
                city: o.city.clone(),
                ..Partner::default()
            };
            let ring = routing::ring(&place, &where_it_works);
            rings.entry(ring).or_default().push(o.id);
        }
    }
    Ok(rings.into_values().collect())
}

/// The facts of the partners `ids`, a few queries for all of them.
async fn facts(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    row: &lead::Model,
    ids: &[i64],
    at: DateTime<Utc>,
) -> AppResult<Vec<Partner>> {
    let orgs = in_tenant::<organization::Entity>(tenant_id)
        .filter(organization::Column::Id.is_in(ids.to_vec()))
        .filter(organization::Column::Kind.eq(OrgKind::Partner))
        .all(db)
        .await?;
    let weights: HashMap<String, i32> = in_tenant::<tier::Entity>(tenant_id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.code, t.lead_weight))
        .collect();
    let (mut areas, mut families) = areas_and_families(db, tenant_id, ids).await?;
    let settings: HashMap<i64, lead_partner::Model> = in_tenant::<lead_partner::Entity>(tenant_id)
        .filter(lead_partner::Column::PartnerId.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.partner_id, s))
        .collect();
    let record = Record::load(db, tenant_id, row.id, ids, at).await?;
    let today = at.date_naive();
    let certified = match row.certification_id {
        Some(c) => certified(db, tenant_id, ids, c, today).await?,
        None => HashSet::new(),
    };
    Ok(orgs
        .into_iter()
        .map(|o| {
            let setting = settings.get(&o.id);
            Partner {
                id: o.id,
                name: o.name.clone(),
                tier_weight: o
                    .tier
                    .as_ref()
                    .and_then(|t| weights.get(t))
                    .copied()
                    .unwrap_or(0),
                families: families.remove(&o.id).unwrap_or_default(),
                certifications: row
                    .certification_id
                    .filter(|_| certified.contains(&o.id))
                    .into_iter()
                    .collect(),
                territory: Territory {
                    areas: areas.remove(&o.id).unwrap_or_default(),
                    location: location_of(&o),
                },
                city: o.city.clone(),
                capacity_30d: setting.and_then(|s| s.capacity_30d),
                offered_30d: record.offered_30d.get(&o.id).copied().unwrap_or(0),
                paused: setting
                    .and_then(|s| s.paused_until)
                    .is_some_and(|until| until >= today),
                missed_this: record.missed_this.contains(&o.id),
                offered: record.accepted.get(&o.id).copied().unwrap_or(0)
                    + record.missed.get(&o.id).copied().unwrap_or(0),
                accepted: record.accepted.get(&o.id).copied().unwrap_or(0),
                last_offered: record.last_offered.get(&o.id).copied(),
            }
        })
        .collect())
}

/// Those of `ids` with at least one person holding certification `c` on
/// `today`.
async fn certified(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    ids: &[i64],
    c: i64,
    today: chrono::NaiveDate,
) -> AppResult<HashSet<i64>> {
    use crate::ssr::entities::{user, user_certification};
    let holders: Vec<i64> = in_tenant::<user_certification::Entity>(tenant_id)
        .filter(user_certification::Column::CertificationId.eq(c))
        .filter(user_certification::Column::ExpiresOn.gte(today))
        .select_only()
        .column(user_certification::Column::UserId)
        .into_tuple()
        .all(db)
        .await?;
    let orgs: Vec<i64> = in_tenant::<user::Entity>(tenant_id)
        .filter(user::Column::Id.is_in(holders))
        .filter(user::Column::OrganizationId.is_in(ids.to_vec()))
        .filter(user::Column::Active.eq(true))
        .select_only()
        .column(user::Column::OrganizationId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(orgs.into_iter().collect())
}

/// Each partner's territory areas and product specialisations.
/// The areas each of the partners `ids` works in.
async fn areas_of(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<Area>>> {
    let mut areas: HashMap<i64, Vec<Area>> = HashMap::new();
    for t in in_tenant::<territory::Entity>(tenant_id)
        .filter(territory::Column::PartnerId.is_in(ids.to_vec()))
        .all(db)
        .await?
    {
        if let Some(a) = area_of(&t) {
            areas.entry(t.partner_id).or_default().push(a);
        }
    }
    Ok(areas)
}

async fn areas_and_families(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    ids: &[i64],
) -> AppResult<(HashMap<i64, Vec<Area>>, HashMap<i64, Vec<i64>>)> {
    let areas = areas_of(db, tenant_id, ids).await?;
    let mut families: HashMap<i64, Vec<i64>> = HashMap::new();
    for f in in_tenant::<partner_family::Entity>(tenant_id)
        .filter(partner_family::Column::PartnerId.is_in(ids.to_vec()))
        .all(db)
        .await?
    {
        families
            .entry(f.partner_id)
            .or_default()
            .push(f.product_family_id);
    }
    Ok((areas, families))
}

/// The partners' record with leads: offers in the last 30 days, accepted
/// and missed in the last 90, when each was last offered one, and who
/// missed this lead.
struct Record {
    offered_30d: HashMap<i64, u32>,
    accepted: HashMap<i64, u32>,
    missed: HashMap<i64, u32>,
    last_offered: HashMap<i64, DateTime<Utc>>,
    missed_this: HashSet<i64>,
}

/// Offers count once they were made, whoever made them.
const OFFERS: [RoutingKind; 3] = [
    RoutingKind::Automatic,
    RoutingKind::Manual,
    RoutingKind::Passed,
];

impl Record {
    async fn load(
        db: &impl ConnectionTrait,
        tenant_id: i64,
        lead_id: i64,
        ids: &[i64],
        at: DateTime<Utc>,
    ) -> AppResult<Record> {
        use lead_routing::Column as R;
        let offers: Vec<(Option<i64>, DateTime<Utc>)> =
            in_tenant::<lead_routing::Entity>(tenant_id)
                .filter(R::PartnerId.is_in(ids.to_vec()))
                .filter(R::Kind.is_in(OFFERS))
                .select_only()
                .column(R::PartnerId)
                .column_as(Expr::col(R::DecidedAt).max(), "last")
                .group_by(R::PartnerId)
                .into_tuple()
                .all(db)
                .await?;
        let last_offered = offers
            .into_iter()
            .filter_map(|(p, t)| Some((p?, t)))
            .collect();
        let offered_30d = counts(
            in_tenant::<lead_routing::Entity>(tenant_id)
                .filter(R::PartnerId.is_in(ids.to_vec()))
                .filter(R::Kind.is_in(OFFERS))
                .filter(R::DecidedAt.gte(at - Duration::days(30)))
                .select_only()
                .column(R::PartnerId)
                .column_as(Expr::col(R::Id).count(), "n")
                .group_by(R::PartnerId)
                .into_tuple()
                .all(db)
                .await?,
        );
        let accepted = counts(
            in_tenant::<lead::Entity>(tenant_id)
                .filter(lead::Column::PartnerId.is_in(ids.to_vec()))
                .filter(lead::Column::AcceptedAt.gte(at - Duration::days(90)))
                .select_only()
                .column(lead::Column::PartnerId)
                .column_as(Expr::col(lead::Column::Id).count(), "n")
                .group_by(lead::Column::PartnerId)
                .into_tuple()
                .all(db)
                .await?,
        );
        let misses: Vec<lead_miss::Model> = in_tenant::<lead_miss::Entity>(tenant_id)
            .filter(lead_miss::Column::PartnerId.is_in(ids.to_vec()))
            .filter(
                sea_orm::Condition::any()
                    .add(lead_miss::Column::CreatedAt.gte(at - Duration::days(90)))
                    .add(lead_miss::Column::LeadId.eq(lead_id)),
            )
            .all(db)
            .await?;
        let mut missed: HashMap<i64, u32> = HashMap::new();
        let mut missed_this = HashSet::new();
        for m in misses {
            if m.lead_id == lead_id {
                missed_this.insert(m.partner_id);
            }
            if m.created_at >= at - Duration::days(90) {
                *missed.entry(m.partner_id).or_default() += 1;
            }
        }
        Ok(Record {
            offered_30d,
            accepted,
            missed,
            last_offered,
            missed_this,
        })
    }
}

fn counts(rows: Vec<(Option<i64>, i64)>) -> HashMap<i64, u32> {
    rows.into_iter()
        .filter_map(|(p, n)| Some((p?, u32::try_from(n).unwrap_or(u32::MAX))))
        .collect()
}

/// A decision made by a person: `partner` chosen, with the facts routing
/// knows of it (exclusions shown, not enforced: the person decided).
pub async fn chosen(
    db: &impl ConnectionTrait,
    row: &lead::Model,
    partner: i64,
    note: &str,
    at: DateTime<Utc>,
) -> AppResult<Decision> {
    let facts = facts(db, row.tenant_id, row, &[partner], at).await?;
    let candidates: Vec<Candidate> = facts
        .iter()
        .map(|p| routing::weigh(&lead_place(row), p))
        .collect();
    Ok(Decision {
        winner: Some(partner),
        reason: RoutingReason::Chosen {
            note: note.to_owned(),
        },
        candidates,
    })
}
