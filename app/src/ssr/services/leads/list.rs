//! `/leads`: for vendor staff every lead, filtered by state, partner,
//! country, product family and age, with the size of their queue; for a
//! partner its inbox (the offers waiting for its answer, masked) and the
//! leads it holds. Newest first, keyset-paged by id; the CSV download is
//! the filtered list.

use super::read::overdue;
use crate::error::{AppError, AppResult};
use crate::locale;
use crate::ssr::csv_file::CsvFile;
use crate::ssr::entities::lead;
use crate::ssr::permission::Permission;
use crate::ssr::repo::organizations;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::types::deal::DealAge;
use crate::types::lead::{LeadRow, LeadStatus, LeadsPage};
use crate::types::territory::Country;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use std::collections::HashMap;

/// Leads on one page.
const PAGE: u64 = 25;
/// Offers a partner's inbox shows at once (the oldest first).
const OFFERS: u64 = 50;
/// The queue is counted up to this many ("100+").
const QUEUE_CAP: u64 = 100;
/// Rows one CSV download holds, newest first.
pub const EXPORT_LIMIT: u64 = 10_000;

/// The list's filters as the query string carries them.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub status: Option<LeadStatus>,
    /// A partner's id from the picker, or its name as typed (vendor staff).
    pub partner: String,
    pub family: Option<i64>,
    pub country: Option<Country>,
    /// Waiting this long since it came in (`Overdue`: its offer or first
    /// contact is late).
    pub age: Option<DealAge>,
}

fn may_list(actor: &Actor) -> AppResult<()> {
    if actor.may(Permission::ManageLeads) || actor.may(Permission::TakeLeads) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// One page of the leads the actor sees, after lead `after`.
pub async fn page(
    state: &AppState,
    actor: &Actor,
    filter: &ListFilter,
    after: Option<i64>,
) -> AppResult<LeadsPage> {
    may_list(actor)?;
    let db = &state.db;
    let at = now();
    let staff = actor.role.is_vendor_staff();
    let mut query = filtered(db, actor, filter, at).await?;
    if !staff && filter.status.is_none() {
        // The inbox lists offers apart, above.
        query = query.filter(lead::Column::Status.ne(LeadStatus::Offered));
    }
    if let Some(after) = after {
        query = query.filter(lead::Column::Id.lt(after));
    }
    let mut rows = query
        .order_by_desc(lead::Column::Id)
        .limit(PAGE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE;
    rows.truncate(PAGE as usize);
    let offers = if staff {
        Vec::new()
    } else {
        Scope::channel(actor)
            .leads()
            .filter(lead::Column::Status.eq(LeadStatus::Offered))
            .order_by_asc(lead::Column::AcceptDueAt)
            .limit(OFFERS)
            .all(db)
            .await?
    };
    let (queued, queue_more) = if staff {
        queue_size(db, actor).await?
    } else {
        (0, false)
    };
    let (partners, all_partners_listed) = if staff {
        organizations::picker(db, Scope::new(actor).partners()).await?
    } else {
        (Vec::new(), true)
    };
    let names = Names::load(db, actor, rows.iter().chain(offers.iter())).await?;
    Ok(LeadsPage {
        next_after: more.then(|| rows.last().map(|l| l.id)).flatten(),
        items: rows.iter().map(|l| names.row(actor, l, at)).collect(),
        offers: offers.iter().map(|l| names.row(actor, l, at)).collect(),
        can_manage: actor.may(Permission::ManageLeads),
        can_configure: actor.may(Permission::ConfigureLeads),
        queued,
        queue_more,
        families: names.family_options(),
        countries: crate::ssr::countries::options(locale::current()),
        partners: partners
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect(),
        all_partners_listed,
    })
}

/// Leads in the vendor's queue, counted up to [`QUEUE_CAP`].
async fn queue_size(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<(u64, bool)> {
    let ids: Vec<i64> = Scope::new(actor)
        .leads()
        .filter(lead::Column::Status.eq(LeadStatus::Queued))
        .select_only()
        .column(lead::Column::Id)
        .limit(QUEUE_CAP + 1)
        .into_tuple()
        .all(db)
        .await?;
    let n = ids.len() as u64;
    Ok((n.min(QUEUE_CAP), n > QUEUE_CAP))
}

/// The leads the actor reads, narrowed by `filter`.
async fn filtered(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &ListFilter,
    at: DateTime<Utc>,
) -> AppResult<Select<lead::Entity>> {
    let mut query = Scope::channel(actor).leads();
    if let Some(status) = filter.status {
        query = query.filter(lead::Column::Status.eq(status));
    }
    if !filter.partner.trim().is_empty() && actor.role.is_vendor_staff() {
        let found =
            organizations::partner_by_id_or_name(db, &Scope::new(actor), &filter.partner).await?;
        query = query.filter(lead::Column::PartnerId.eq(found.map_or(-1, |p| p.id)));
    }
    if let Some(family) = filter.family {
        query = query.filter(lead::Column::ProductFamilyId.eq(family));
    }
    if let Some(country) = filter.country {
        query = query.filter(lead::Column::Country.eq(country.code()));
    }
    if let Some(age) = filter.age {
        query = aged(query, age, at);
    }
    Ok(query)
}

/// Leads in for `age` (still open), or late.
fn aged(query: Select<lead::Entity>, age: DealAge, at: DateTime<Utc>) -> Select<lead::Entity> {
    use sea_orm::Condition;
    let open = [
        LeadStatus::Queued,
        LeadStatus::Offered,
        LeadStatus::Accepted,
    ];
    if age == DealAge::Overdue {
        return query.filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(lead::Column::Status.eq(LeadStatus::Offered))
                        .add(lead::Column::AcceptDueAt.lt(at)),
                )
                .add(
                    Condition::all()
                        .add(lead::Column::Status.eq(LeadStatus::Accepted))
                        .add(lead::Column::ContactedAt.is_null())
                        .add(lead::Column::ContactDueAt.lt(at)),
                ),
        );
    }
    let mut query = query.filter(lead::Column::Status.is_in(open));
    let (from, to) = age.hours();
    if let Some(from) = from {
        query = query.filter(lead::Column::CreatedAt.lte(at - Duration::hours(from)));
    }
    if let Some(to) = to {
        query = query.filter(lead::Column::CreatedAt.gt(at - Duration::hours(to)));
    }
    query
}

/// Names the rows need: partners and product families.
struct Names {
    partners: HashMap<i64, String>,
    families: Vec<(i64, String)>,
}

impl Names {
    async fn load<'a>(
        db: &impl ConnectionTrait,
        actor: &Actor,
        rows: impl Iterator<Item = &'a lead::Model>,
    ) -> AppResult<Names> {
        let ids: Vec<i64> = rows.filter_map(|l| l.partner_id).collect();
        let partners = organizations::names(db, actor.tenant_id, ids)
            .await?
            .into_iter()
            .collect();
        let reader = locale::current();
        let families = Scope::new(actor)
            .product_families()
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.id, f.name_for(reader)))
            .collect();
        Ok(Names { partners, families })
    }

    fn family(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.families.iter().find(|(f, _)| *f == id))
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }

    fn family_options(&self) -> Vec<(String, String)> {
        self.families
            .iter()
            .map(|(id, n)| (id.to_string(), n.clone()))
            .collect()
    }

    fn row(&self, actor: &Actor, l: &lead::Model, at: DateTime<Utc>) -> LeadRow {
        let open = actor.role.is_vendor_staff()
            || matches!(l.status, LeadStatus::Accepted | LeadStatus::Converted);
        let reader = locale::current();
        let country = Country::parse(&l.country)
            .map(|c| crate::ssr::countries::name(c, reader))
            .unwrap_or_default();
        let place = [l.region.as_str(), country.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let due = match l.status {
            LeadStatus::Offered => l.accept_due_at,
            LeadStatus::Accepted if l.contacted_at.is_none() => l.contact_due_at,
            _ => None,
        };
        LeadRow {
            id: l.id,
            company: open.then(|| l.company.clone()),
            segment: l.segment.clone(),
            place,
            product: self.family(l.product_family_id),
            priority: l.priority,
            status: l.status,
            partner_name: l
                .partner_id
                .and_then(|id| self.partners.get(&id).cloned())
                .unwrap_or_default(),
            created: actor.time(l.created_at),
            due: due.map(|t| actor.time(t)),
            overdue: overdue(l, at),
        }
    }
}

/// The filtered list as CSV (at most [`EXPORT_LIMIT`] rows, newest first);
/// a partner's rows keep unaccepted leads anonymous as its pages do.
pub async fn csv(state: &AppState, actor: &Actor, filter: &ListFilter) -> AppResult<String> {
    may_list(actor)?;
    let db = &state.db;
    let at = now();
    let rows = filtered(db, actor, filter, at)
        .await?
        .order_by_desc(lead::Column::Id)
        .limit(EXPORT_LIMIT)
        .all(db)
        .await?;
    let names = Names::load(db, actor, rows.iter()).await?;
    let mut out = CsvFile::new(
        "leads",
        [
            crate::tr!(csv.leads.id),
            crate::tr!(csv.leads.company),
            crate::tr!(csv.leads.segment),
            crate::tr!(csv.leads.place),
            crate::tr!(csv.leads.product),
            crate::tr!(csv.leads.priority),
            crate::tr!(csv.leads.status),
            crate::tr!(csv.leads.partner),
            crate::tr!(csv.leads.created_utc),
        ],
    )?;
    for l in &rows {
        let r = names.row(actor, l, at);
        out.row([
            r.id.to_string(),
            r.company.unwrap_or_default(),
            r.segment,
            r.place,
            r.product,
            r.priority.label().to_owned(),
            r.status.label().to_owned(),
            r.partner_name,
            l.created_at.format("%Y-%m-%d %H:%M").to_string(),
        ])?;
    }
    out.finish()
}
