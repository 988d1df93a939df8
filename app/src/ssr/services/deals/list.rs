//! `/deals` and its CSV: the registrations the reader sees, newest first by
//! keyset, narrowed by state, partner, the partners' region, product
//! family and how long they
//! have waited; for reviewers, the waiting queue counted by age.

use super::read::{awaited, money, org_names, readable};
use crate::error::{AppError, AppResult};
use crate::locale;
use crate::ssr::csv_file::CsvFile;
use crate::ssr::entities::{deal, deal_line, organization};
use crate::ssr::permission::Permission;
use crate::ssr::repo::organizations;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::types::deal::{AgeCount, DealAge, DealRow, DealStatus, DealsPage};
use crate::types::money::to_input;
use crate::types::org::Region;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;

/// Registrations on one page of the list.
const PAGE: u64 = 25;
/// Each age band is counted up to this many ("100+").
const AGE_CAP: u64 = 100;
/// Rows one CSV download holds, newest first.
pub const EXPORT_LIMIT: u64 = 10_000;

/// The list's filters as the query string carries them.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub status: Option<DealStatus>,
    /// A partner's id from the picker, or its name as typed (reviewers).
    pub partner: String,
    pub family: Option<i64>,
    /// The partners' region in the program.
    pub region: Option<Region>,
    /// Waiting for an answer this long (implies "waiting").
    pub age: Option<DealAge>,
}

/// One page of the registrations the actor sees, after registration `after`.
pub async fn page(
    state: &AppState,
    actor: &Actor,
    filter: &ListFilter,
    after: Option<i64>,
) -> AppResult<DealsPage> {
    let (can_register, can_review) = (
        actor.may(Permission::RegisterDeals),
        actor.may(Permission::ReviewDeals),
    );
    if !can_register && !can_review {
        return Err(AppError::Forbidden);
    }
    let db = &state.db;
    let at = now();
    let mut query = filtered(db, actor, filter, at).await?;
    if let Some(after) = after {
        query = query.filter(deal::Column::Id.lt(after));
    }
    let mut rows = query
        .order_by_desc(deal::Column::Id)
        .limit(PAGE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE;
    rows.truncate(PAGE as usize);
    let names = org_names(db, actor, rows.iter().map(|d| d.partner_id).collect()).await?;
    let (partners, all_partners_listed) = if can_review {
        organizations::picker(db, Scope::new(actor).partners()).await?
    } else {
        (Vec::new(), true)
    };
    Ok(DealsPage {
        next_after: more.then(|| rows.last().map(|d| d.id)).flatten(),
        items: rows
            .into_iter()
            .map(|d| row(actor, &names, d, at))
            .collect(),
        can_register,
        can_review,
        can_configure: actor.may(Permission::ConfigureDeals),
        ages: if can_review {
            ages(db, actor, at).await?
        } else {
            Vec::new()
        },
        families: families(db, actor).await?,
        partners: partners
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect(),
        all_partners_listed,
    })
}

fn row(actor: &Actor, names: &HashMap<i64, String>, d: deal::Model, at: DateTime<Utc>) -> DealRow {
    DealRow {
        id: d.id,
        partner_name: names.get(&d.partner_id).cloned().unwrap_or_default(),
        amount: money(d.amount_minor, &d.currency),
        submitted: d.submitted_at.map(|t| actor.time(t)).unwrap_or_default(),
        due: awaited(&d).map(|t| actor.time(t)),
        overdue: awaited(&d).is_some_and(|t| t < at),
        status: d.status,
        customer_name: d.customer_name,
    }
}

/// The registrations the actor reads, narrowed by `filter`.
async fn filtered(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &ListFilter,
    at: DateTime<Utc>,
) -> AppResult<Select<deal::Entity>> {
    let mut query = readable(actor);
    if let Some(status) = filter.status {
        query = query.filter(deal::Column::Status.eq(status));
    }
    if !filter.partner.trim().is_empty() {
        let found =
            organizations::partner_by_id_or_name(db, &Scope::new(actor), &filter.partner).await?;
        // A name that matches no partner lists nothing.
        query = query.filter(deal::Column::PartnerId.eq(found.map_or(-1, |p| p.id)));
    }
    if let Some(region) = filter.region {
        let in_region = in_tenant::<organization::Entity>(actor.tenant_id)
            .select_only()
            .column(organization::Column::Id)
            .filter(organization::Column::Region.eq(region.as_str()))
            .into_query();
        query = query.filter(deal::Column::PartnerId.in_subquery(in_region));
    }
    if let Some(family) = filter.family {
        let with_family = in_tenant::<deal_line::Entity>(actor.tenant_id)
            .select_only()
            .column(deal_line::Column::DealId)
            .filter(deal_line::Column::ProductFamilyId.eq(family))
            .into_query();
        query = query.filter(deal::Column::Id.in_subquery(with_family));
    }
    if let Some(age) = filter.age {
        query = waited(query, age, at);
    }
    Ok(query)
}

/// Registrations waiting for an answer for `age`.
fn waited(query: Select<deal::Entity>, age: DealAge, at: DateTime<Utc>) -> Select<deal::Entity> {
    let mut query = query.filter(deal::Column::Status.eq(DealStatus::Submitted));
    if age == DealAge::Overdue {
        return query.filter(deal::Column::DecisionDueAt.lt(at));
    }
    let (from, to) = age.hours();
    if let Some(from) = from {
        query = query.filter(deal::Column::SubmittedAt.lte(at - Duration::hours(from)));
    }
    if let Some(to) = to {
        query = query.filter(deal::Column::SubmittedAt.gt(at - Duration::hours(to)));
    }
    query
}

/// The waiting queue by age, each band counted up to [`AGE_CAP`].
async fn ages(
    db: &impl ConnectionTrait,
    actor: &Actor,
    at: DateTime<Utc>,
) -> AppResult<Vec<AgeCount>> {
    let mut out = Vec::new();
    for age in DealAge::ALL {
        let ids: Vec<i64> = waited(readable(actor), *age, at)
            .select_only()
            .column(deal::Column::Id)
            .limit(AGE_CAP + 1)
            .into_tuple()
            .all(db)
            .await?;
        let count = ids.len() as u64;
        out.push(AgeCount {
            age: *age,
            count: count.min(AGE_CAP),
            more: count > AGE_CAP,
        });
    }
    Ok(out)
}

async fn families(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<Vec<(String, String)>> {
    let reader = locale::current();
    Ok(Scope::new(actor)
        .product_families()
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id.to_string(), f.name_for(reader)))
        .collect())
}

/// The filtered list as CSV, newest first, up to [`EXPORT_LIMIT`] rows.
pub async fn csv(state: &AppState, actor: &Actor, filter: &ListFilter) -> AppResult<String> {
    if !(actor.may(Permission::RegisterDeals) || actor.may(Permission::ReviewDeals)) {
        return Err(AppError::Forbidden);
    }
    let db = &state.db;
    let rows = filtered(db, actor, filter, now())
        .await?
        .order_by_desc(deal::Column::Id)
        .limit(EXPORT_LIMIT)
        .all(db)
        .await?;
    let names = org_names(db, actor, rows.iter().map(|d| d.partner_id).collect()).await?;
    let mut out = CsvFile::new(
        "deal registrations",
        [
            crate::tr!(csv.deals.id),
            crate::tr!(csv.deals.reference),
            crate::tr!(csv.deals.partner),
            crate::tr!(csv.deals.customer),
            crate::tr!(csv.deals.country),
            crate::tr!(csv.deals.city),
            crate::tr!(csv.deals.status),
            crate::tr!(csv.deals.amount),
            crate::tr!(csv.deals.currency),
            crate::tr!(csv.deals.expected_close),
            crate::tr!(csv.deals.submitted_utc),
            crate::tr!(csv.deals.decision_due_utc),
            crate::tr!(csv.deals.protected_until),
        ],
    )?;
    let utc = |t: Option<DateTime<Utc>>| {
        t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    for d in rows {
        out.row([
            d.id.to_string(),
            d.reference.clone(),
            names.get(&d.partner_id).cloned().unwrap_or_default(),
            d.customer_name.clone(),
            d.country.clone(),
            d.city.clone(),
            d.status.label().to_owned(),
            to_input(d.amount_minor, &d.currency),
            d.currency.clone(),
            d.expected_close_on.to_string(),
            utc(d.submitted_at),
            utc(awaited(&d)),
            d.protected_until.map(|p| p.to_string()).unwrap_or_default(),
        ])?;
    }
    out.finish()
}
