//! Campaign results, counted in the database: per campaign, per partner
//! company and per send, a day-by-day series for the chart, and the CSV.

use crate::error::AppResult;
use crate::ssr::csv_file::CsvFile;
use crate::ssr::entities::campaign_participant as participant;
use crate::ssr::permission::Permission;
use crate::ssr::scope::in_tenant;
use crate::ssr::scope::CountedOrgs;
use crate::ssr::{Actor, AppState, Scope};
use crate::types::campaign::{DayCount, PartnerResult, SendStats};
use crate::types::campaign::{MessageStatus, SendStatus};
use chrono::NaiveDateTime;
use chrono_tz::Tz;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, FromQueryResult, QueryFilter, QueryOrder, Statement,
    Value,
};
use std::collections::{BTreeMap, HashMap};

/// What the counts are grouped by.
#[derive(Clone, Copy)]
pub enum By {
    Campaign,
    Org,
    Send,
}

impl By {
    fn column(self) -> &'static str {
        match self {
            By::Campaign => "campaign_id",
            By::Org => "org_id",
            By::Send => "send_id",
        }
    }
}

#[derive(FromQueryResult)]
struct Row {
    key: i64,
    queued: i64,
    sent: i64,
    delivered: i64,
    failed: i64,
    suppressed: i64,
    opened: i64,
    clicked: i64,
    unsubscribed: i64,
    responded: i64,
}

fn n(v: i64) -> u64 {
    v.max(0) as u64
}

/// The SQL condition (and its value) that keeps `orgs`' messages; `place`
/// writes a placeholder for the next value.
fn org_filter(orgs: CountedOrgs, tenant_id: i64, place: &mut dyn FnMut(i64) -> String) -> String {
    match orgs {
        CountedOrgs::All => String::new(),
        CountedOrgs::One(org) => format!(" AND org_id = {}", place(org)),
        CountedOrgs::ManagedBy(user) => {
            let (t1, u1, t2, t3, u2) = (
                place(tenant_id),
                place(user),
                place(tenant_id),
                place(tenant_id),
                place(user),
            );
            format!(
                " AND (org_id IN (SELECT id FROM organizations WHERE tenant_id = {t1} AND channel_manager_id = {u1}) \
                 OR org_id IN (SELECT l.descendant_id FROM channel_links l JOIN organizations o \
                   ON o.tenant_id = l.tenant_id AND o.id = l.ancestor_id \
                   WHERE l.tenant_id = {t2} AND o.tenant_id = {t3} AND o.channel_manager_id = {u2}))"
            )
        }
        CountedOrgs::Below(org) => {
            let (o1, t1, o2) = (place(org), place(tenant_id), place(org));
            format!(
                " AND (org_id = {o1} OR org_id IN \
                 (SELECT descendant_id FROM channel_links WHERE tenant_id = {t1} AND ancestor_id = {o2}))"
            )
        }
    }
}

/// Counts of one tenant's campaign messages, optionally narrowed to a
/// campaign, of the companies in `orgs`, grouped by `by`.
pub async fn stats(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    campaign_id: Option<i64>,
    orgs: CountedOrgs,
    by: By,
) -> AppResult<HashMap<i64, SendStats>> {
    let backend = db.get_database_backend();
    let mut values: Vec<Value> = vec![tenant_id.into()];
    let place = |values: &mut Vec<Value>, v: i64| {
        values.push(v.into());
        if backend == DbBackend::Postgres {
            format!("${}", values.len())
        } else {
            "?".to_owned()
        }
    };
    let first = if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let mut filter = format!("tenant_id = {first}");
    if let Some(c) = campaign_id {
        filter.push_str(&format!(" AND campaign_id = {}", place(&mut values, c)));
    }
    filter.push_str(&org_filter(orgs, tenant_id, &mut |v| place(&mut values, v)));
    let count = |cond: &str| format!("COALESCE(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END), 0)");
    let sql = format!(
        "SELECT {key} AS key, {queued} AS queued, {sent} AS sent, {delivered} AS delivered, \
         {failed} AS failed, {suppressed} AS suppressed, {opened} AS opened, {clicked} AS clicked, \
         {unsub} AS unsubscribed, {responded} AS responded FROM campaign_messages WHERE {filter} GROUP BY {key}",
        key = by.column(),
        queued = count(&status_in(&[MessageStatus::Queued])),
        sent = count(&status_in(&[
            MessageStatus::Delivered,
            MessageStatus::Failed
        ])),
        delivered = count(&status_in(&[MessageStatus::Delivered])),
        failed = count(&status_in(&[MessageStatus::Failed])),
        suppressed = count(&status_in(&[MessageStatus::Suppressed])),
        opened = count("opened_at IS NOT NULL"),
        clicked = count("clicked_at IS NOT NULL"),
        unsub = count("unsubscribed_at IS NOT NULL"),
        responded = count("lead_id IS NOT NULL"),
    );
    let rows = Row::find_by_statement(Statement::from_sql_and_values(backend, sql, values))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.key,
                SendStats {
                    queued: n(r.queued),
                    sent: n(r.sent),
                    delivered: n(r.delivered),
                    failed: n(r.failed),
                    suppressed: n(r.suppressed),
                    opened: n(r.opened),
                    clicked: n(r.clicked),
                    unsubscribed: n(r.unsubscribed),
                    responded: n(r.responded),
                },
            )
        })
        .collect())
}

/// `status IN ('delivered', …)`, the codes written from the enum (constants,
/// never user input).
fn status_in(statuses: &[MessageStatus]) -> String {
    let codes: Vec<String> = statuses.iter().map(|s| format!("'{s}'")).collect();
    format!("status IN ({})", codes.join(", "))
}

#[derive(FromQueryResult)]
struct QuarterRow {
    /// "YYYY-MM-DD HH:MM" in UTC, the start of a quarter hour.
    quarter: String,
    total: i64,
}

/// Sends, opens and clicks per day of a campaign as a reader in `tz` counts
/// days, optionally of one company: the series behind the activity chart.
/// The database counts per UTC quarter hour (every zone's offset is a whole
/// number of quarter hours), which are then put on the reader's days.
pub async fn days(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    campaign_id: i64,
    orgs: CountedOrgs,
    tz: Tz,
) -> AppResult<Vec<DayCount>> {
    let backend = db.get_database_backend();
    let (p1, p2) = if backend == DbBackend::Postgres {
        ("$1", "$2")
    } else {
        ("?", "?")
    };
    let mut out: BTreeMap<String, DayCount> = BTreeMap::new();
    for (i, column) in ["sent_at", "opened_at", "clicked_at"]
        .into_iter()
        .enumerate()
    {
        let quarter = if backend == DbBackend::Postgres {
            format!(
                "to_char(date_trunc('hour', {column} AT TIME ZONE 'UTC') \
                 + floor(extract(minute FROM {column} AT TIME ZONE 'UTC') / 15) * interval '15 minutes', \
                 'YYYY-MM-DD HH24:MI')"
            )
        } else {
            // Stored as UTC text, "YYYY-MM-DD HH:MM:SS…".
            format!(
                "substr({column}, 1, 10) || ' ' || substr({column}, 12, 2) || ':' \
                 || printf('%02d', CAST(substr({column}, 15, 2) AS INTEGER) / 15 * 15)"
            )
        };
        let mut sql = format!(
            "SELECT {quarter} AS quarter, COUNT(*) AS total FROM campaign_messages \
             WHERE tenant_id = {p1} AND campaign_id = {p2} AND {column} IS NOT NULL"
        );
        let mut values: Vec<Value> = vec![tenant_id.into(), campaign_id.into()];
        sql.push_str(&org_filter(orgs, tenant_id, &mut |v| {
            values.push(v.into());
            if backend == DbBackend::Postgres {
                format!("${}", values.len())
            } else {
                "?".to_owned()
            }
        }));
        sql.push_str(" GROUP BY 1");
        let rows =
            QuarterRow::find_by_statement(Statement::from_sql_and_values(backend, sql, values))
                .all(db)
                .await?;
        for r in rows {
            let Some(day) = local_day(&r.quarter, tz) else {
                continue;
            };
            let entry = out.entry(day.clone()).or_insert_with(|| DayCount {
                day,
                sent: 0,
                opened: 0,
                clicked: 0,
            });
            let v = n(r.total);
            match i {
                0 => entry.sent += v,
                1 => entry.opened += v,
                _ => entry.clicked += v,
            }
        }
    }
    Ok(out.into_values().collect())
}

/// The reader's date ("YYYY-MM-DD") of a UTC quarter hour.
fn local_day(quarter: &str, tz: Tz) -> Option<String> {
    let at = NaiveDateTime::parse_from_str(quarter, "%Y-%m-%d %H:%M").ok()?;
    Some(
        at.and_utc()
            .with_timezone(&tz)
            .format("%Y-%m-%d")
            .to_string(),
    )
}

/// Results per opted-in company, in the order they joined. A channel
/// manager sees only the partners they manage.
pub async fn partners(
    state: &AppState,
    actor: &Actor,
    campaign_id: i64,
) -> AppResult<Vec<PartnerResult>> {
    let joined = in_tenant::<participant::Entity>(actor.tenant_id)
        .filter(participant::Column::CampaignId.eq(campaign_id))
        .order_by_asc(participant::Column::JoinedAt)
        .all(&state.db)
        .await?;
    let visible: HashMap<i64, String> = if joined.is_empty() {
        HashMap::new()
    } else {
        Scope::new(actor)
            .partners()
            .filter(
                crate::ssr::entities::organization::Column::Id
                    .is_in(joined.iter().map(|p| p.org_id).collect::<Vec<_>>()),
            )
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect()
    };
    let mut per_org = stats(
        &state.db,
        actor.tenant_id,
        Some(campaign_id),
        Scope::new(actor).counted_orgs(),
        By::Org,
    )
    .await?;
    Ok(joined
        .into_iter()
        .filter_map(|p| {
            let name = visible.get(&p.org_id)?.clone();
            Some(PartnerResult {
                org_id: p.org_id,
                org_name: name,
                joined_at: actor.day(p.joined_at),
                stats: per_org.remove(&p.org_id).unwrap_or_default(),
            })
        })
        .collect())
}

/// The per-partner results as CSV (vendor staff only).
pub async fn csv(state: &AppState, actor: &Actor, campaign_id: i64) -> AppResult<(String, String)> {
    actor.require(Permission::ViewProgram)?;
    let c = super::find(&state.db, actor.tenant_id, campaign_id).await?;
    let rows = partners(state, actor, campaign_id).await?;
    let mut out = CsvFile::new(
        "campaign CSV",
        [
            crate::tr!(csv.campaign.partner),
            crate::tr!(csv.campaign.opted_in),
            crate::tr!(csv.campaign.queued),
            crate::tr!(csv.campaign.sent),
            crate::tr!(csv.campaign.delivered),
            crate::tr!(csv.campaign.failed),
            crate::tr!(csv.campaign.suppressed),
            crate::tr!(csv.campaign.opened),
            crate::tr!(csv.campaign.clicked),
            crate::tr!(csv.campaign.unsubscribed),
            crate::tr!(csv.campaign.responded),
            crate::tr!(csv.campaign.open_rate),
            crate::tr!(csv.campaign.click_rate),
        ],
    )?;
    for r in rows {
        let s = &r.stats;
        out.row([
            r.org_name.clone(),
            // ISO in the file: spreadsheets read it as a date.
            r.joined_at.to_string(),
            s.queued.to_string(),
            s.sent.to_string(),
            s.delivered.to_string(),
            s.failed.to_string(),
            s.suppressed.to_string(),
            s.opened.to_string(),
            s.clicked.to_string(),
            s.unsubscribed.to_string(),
            s.responded.to_string(),
            SendStats::rate(s.opened, s.delivered),
            SendStats::rate(s.clicked, s.delivered),
        ])?;
    }
    let text = out.finish()?;
    let name: String = c
        .name
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Ok((
        text,
        format!("campaign-{}-{}.csv", c.id, name.trim_matches('-')),
    ))
}

/// A company's results in a campaign, as shown with its fund request.
pub async fn proof(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    campaign_id: i64,
    org_id: i64,
) -> AppResult<crate::types::campaign::CampaignProof> {
    use crate::ssr::entities::campaign_send as send;
    use sea_orm::PaginatorTrait;
    let c = super::find(db, tenant_id, campaign_id).await?;
    let sends = in_tenant::<send::Entity>(tenant_id)
        .filter(send::Column::CampaignId.eq(campaign_id))
        .filter(send::Column::OrgId.eq(org_id))
        .filter(send::Column::Status.ne(SendStatus::Cancelled))
        .count(db)
        .await?;
    let stats = stats(
        db,
        tenant_id,
        Some(campaign_id),
        CountedOrgs::One(org_id),
        By::Campaign,
    )
    .await?
    .remove(&campaign_id)
    .unwrap_or_default();
    Ok(crate::types::campaign::CampaignProof {
        campaign_id,
        name: c.name_for(crate::locale::current()),
        sends,
        stats,
    })
}
