//! The fairness report: over a period, per partner, the leads it was
//! offered against its tier's weight, how many it accepted (and how fast),
//! declined or let run out, and how many became deal registrations and won
//! deals. The partners with the most offers first.

use crate::error::AppResult;
use crate::ssr::entities::{deal, lead, lead_miss, lead_routing, organization, tier};
use crate::ssr::permission::Permission;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::types::deal::DealStatus;
use crate::types::lead::{DeclineReason, FairnessReport, FairnessRow, RoutingKind};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

/// Partners the report lists.
const ROWS: usize = 200;
/// The periods it offers, in days.
pub const PERIODS: [u32; 3] = [30, 90, 365];

/// Counts per partner of one query's rows.
fn tally(rows: impl IntoIterator<Item = Option<i64>>) -> HashMap<i64, u64> {
    let mut out: HashMap<i64, u64> = HashMap::new();
    for p in rows.into_iter().flatten() {
        *out.entry(p).or_default() += 1;
    }
    out
}

/// The report over the last `days` (30, 90 or 365).
pub async fn report(state: &AppState, actor: &Actor, days: u32) -> AppResult<FairnessReport> {
    actor.require(Permission::ManageLeads)?;
    let days = if PERIODS.contains(&days) { days } else { 90 };
    let db = &state.db;
    let since = now() - Duration::days(i64::from(days));
    let offered = offers(db, actor.tenant_id, since).await?;
    let total_offered: u64 = offered.values().sum();
    let mut ranked: Vec<(i64, u64)> = offered.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let visible = visible(db, actor, ranked.iter().map(|(p, _)| *p).collect()).await?;
    ranked.retain(|(p, _)| visible.contains(p));
    let truncated = ranked.len() > ROWS;
    ranked.truncate(ROWS);
    let ids: Vec<i64> = ranked.iter().map(|(p, _)| *p).collect();
    let facts = Facts::load(db, actor.tenant_id, &ids, since).await?;
    let weight_sum: i64 = ids.iter().map(|p| i64::from(facts.weight(*p))).sum();
    let rows = ranked
        .into_iter()
        .map(|(p, n)| facts.row(p, n, total_offered, weight_sum))
        .collect();
    Ok(FairnessReport {
        days,
        rows,
        total_offered,
        truncated,
    })
}

/// Offers per partner since `since`.
async fn offers(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    since: DateTime<Utc>,
) -> AppResult<HashMap<i64, u64>> {
    let rows: Vec<(Option<i64>, i64)> = in_tenant::<lead_routing::Entity>(tenant_id)
        .filter(lead_routing::Column::Kind.is_in([
            RoutingKind::Automatic,
            RoutingKind::Manual,
            RoutingKind::Passed,
        ]))
        .filter(lead_routing::Column::DecidedAt.gte(since))
        .select_only()
        .column(lead_routing::Column::PartnerId)
        .column_as(Expr::col(lead_routing::Column::Id).count(), "n")
        .group_by(lead_routing::Column::PartnerId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, n)| Some((p?, u64::try_from(n).unwrap_or(0))))
        .collect())
}

/// Those of `ids` the actor sees (a channel manager: their partners).
async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ids: Vec<i64>,
) -> AppResult<HashSet<i64>> {
    if actor.role.sees_all_partners() {
        return Ok(ids.into_iter().collect());
    }
    let mut out = HashSet::new();
    for chunk in ids.chunks(5_000) {
        let seen: Vec<i64> = Scope::new(actor)
            .partners()
            .filter(organization::Column::Id.is_in(chunk.to_vec()))
            .select_only()
            .column(organization::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(seen);
    }
    Ok(out)
}

/// What the report says of each listed partner.
struct Facts {
    names: HashMap<i64, (String, i32)>,
    accepted: HashMap<i64, (u64, f64)>,
    declined: HashMap<i64, u64>,
    expired: HashMap<i64, u64>,
    converted: HashMap<i64, u64>,
    won: HashMap<i64, u64>,
}

impl Facts {
    async fn load(
        db: &impl ConnectionTrait,
        tenant_id: i64,
        ids: &[i64],
        since: DateTime<Utc>,
    ) -> AppResult<Facts> {
        let weights: HashMap<String, i32> = in_tenant::<tier::Entity>(tenant_id)
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.code, t.lead_weight))
            .collect();
        let names = in_tenant::<organization::Entity>(tenant_id)
            .filter(organization::Column::Id.is_in(ids.to_vec()))
            .all(db)
            .await?
            .into_iter()
            .map(|o| {
                let w = o
                    .tier
                    .as_ref()
                    .and_then(|t| weights.get(t))
                    .copied()
                    .unwrap_or(0);
                (o.id, (o.name, w))
            })
            .collect();
        let taken = in_tenant::<lead::Entity>(tenant_id)
            .filter(lead::Column::PartnerId.is_in(ids.to_vec()))
            .filter(lead::Column::AcceptedAt.gte(since))
            .all(db)
            .await?;
        let accepted = acceptance(&taken);
        let converted = tally(
            taken
                .iter()
                .filter(|l| l.deal_id.is_some())
                .map(|l| l.partner_id),
        );
        let won = won(db, tenant_id, &taken).await?;
        let (declined, expired) = misses(db, tenant_id, ids, since).await?;
        Ok(Facts {
            names,
            accepted,
            declined,
            expired,
            converted,
            won,
        })
    }

    fn weight(&self, p: i64) -> i32 {
        self.names.get(&p).map_or(0, |(_, w)| *w)
    }

    fn row(&self, p: i64, offered: u64, total: u64, weight_sum: i64) -> FairnessRow {
        let pct = |part: f64, whole: f64| {
            if whole > 0.0 {
                (part / whole * 1000.0).round() / 10.0
            } else {
                0.0
            }
        };
        let (accepted, hours) = self.accepted.get(&p).copied().unwrap_or_default();
        let declined = self.declined.get(&p).copied().unwrap_or(0);
        let expired = self.expired.get(&p).copied().unwrap_or(0);
        let answered = accepted + declined + expired;
        FairnessRow {
            partner_id: p,
            partner: self
                .names
                .get(&p)
                .map(|(n, _)| n.clone())
                .unwrap_or_default(),
            tier_weight: self.weight(p),
            offered,
            offer_share_pct: pct(offered as f64, total as f64),
            weight_share_pct: pct(f64::from(self.weight(p)), weight_sum as f64),
            accepted,
            declined,
            expired,
            acceptance_pct: pct(accepted as f64, answered as f64),
            hours_to_accept: (accepted > 0)
                .then(|| (hours / accepted as f64 * 10.0).round() / 10.0),
            converted: self.converted.get(&p).copied().unwrap_or(0),
            won: self.won.get(&p).copied().unwrap_or(0),
        }
    }
}

/// Accepted leads and the hours they took, per partner.
fn acceptance(taken: &[lead::Model]) -> HashMap<i64, (u64, f64)> {
    let mut accepted: HashMap<i64, (u64, f64)> = HashMap::new();
    for l in taken {
        let (Some(p), Some(offered), Some(took)) = (l.partner_id, l.offered_at, l.accepted_at)
        else {
            continue;
        };
        let entry = accepted.entry(p).or_default();
        entry.0 += 1;
        entry.1 += (took - offered).num_minutes() as f64 / 60.0;
    }
    accepted
}

/// Accepted leads whose registration was won, per partner.
async fn won(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    taken: &[lead::Model],
) -> AppResult<HashMap<i64, u64>> {
    let deal_ids: Vec<i64> = taken.iter().filter_map(|l| l.deal_id).collect();
    let won_ids: HashSet<i64> = in_tenant::<deal::Entity>(tenant_id)
        .filter(deal::Column::Id.is_in(deal_ids))
        .filter(deal::Column::Status.eq(DealStatus::Won))
        .select_only()
        .column(deal::Column::Id)
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(tally(
        taken
            .iter()
            .filter(|l| l.deal_id.is_some_and(|d| won_ids.contains(&d)))
            .map(|l| l.partner_id),
    ))
}

/// Offers declined and offers let run out, per partner.
async fn misses(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    ids: &[i64],
    since: DateTime<Utc>,
) -> AppResult<(HashMap<i64, u64>, HashMap<i64, u64>)> {
    let misses = in_tenant::<lead_miss::Entity>(tenant_id)
        .filter(lead_miss::Column::PartnerId.is_in(ids.to_vec()))
        .filter(lead_miss::Column::CreatedAt.gte(since))
        .all(db)
        .await?;
    let by = |expired: bool| {
        tally(
            misses
                .iter()
                .filter(|m| (m.reason == DeclineReason::Expired) == expired)
                .map(|m| Some(m.partner_id)),
        )
    };
    Ok((by(false), by(true)))
}
