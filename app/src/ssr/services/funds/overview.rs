//! What the funds pages read: balances from the ledger, lists by role, and
//! one request with its audit trail.

use super::Audited;
use crate::error::AppResult;
use crate::ssr::entities::{fund_allocation, fund_budget, fund_claim, fund_request, organization};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{funds, organizations, users};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::tiers::ProgramTiers;
use crate::ssr::{tokens, Actor, AppState, Scope};
use crate::types::funds::RequestFilter;
use crate::types::funds::{
    AllocationRow, AuditRow, BudgetRow, FundsOverview, RequestDetail, RequestRow, RequestStatus,
};
use crate::types::funds::{Balances, ClaimStatus, ClaimView, ProofFile};
use sea_orm::QueryTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

async fn partner_names(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    ids: Vec<i64>,
) -> AppResult<HashMap<i64, String>> {
    Ok(organizations::names(db, tenant_id, ids)
        .await?
        .into_iter()
        .collect())
}

/// Who holds an allocation: the partner's name, or "<Tier> tier pool".
pub(crate) fn holder(
    a: &fund_allocation::Model,
    names: &HashMap<i64, String>,
    tiers: &ProgramTiers,
) -> String {
    match (a.partner_id, a.tier.as_deref()) {
        (Some(id), _) => names.get(&id).cloned().unwrap_or_default(),
        (None, Some(code)) => pool_name(tiers, code),
        _ => crate::tr!(funds.pool).into(),
    }
}

/// "Gold tier pool", in the reader's language.
pub(crate) fn pool_name(tiers: &ProgramTiers, code: &str) -> String {
    let tier = tiers.name(code, crate::locale::current());
    crate::tr!(funds.tier_pool, tier = &tier).to_string()
}

fn request_row(
    actor: &Actor,
    r: &fund_request::Model,
    names: &HashMap<i64, String>,
    currencies: &HashMap<i64, String>,
) -> RequestRow {
    RequestRow {
        id: r.id,
        partner_name: names.get(&r.partner_id).cloned().unwrap_or_default(),
        title: r.title.clone(),
        activity_type: r.activity_type,
        currency: currencies
            .get(&r.allocation_id)
            .cloned()
            .unwrap_or_default(),
        requested_minor: r.requested_minor,
        approved_minor: r.approved_minor,
        status: r.status,
        starts_on: r.starts_on,
        submitted_on: actor.date(r.created_at),
    }
}

/// The request list with the vendor's filters applied (partners see their own).
fn filtered_requests(
    scope: &Scope<'_>,
    filter: &RequestFilter,
) -> sea_orm::Select<fund_request::Entity> {
    use fund_request::Column as R;
    let mut query = scope.fund_requests();
    if let Some(status) = filter.status.known() {
        query = query.filter(R::Status.eq(status));
    }
    if let Some(activity) = filter.activity_type.known() {
        query = query.filter(R::ActivityType.eq(activity));
    }
    if let Ok(id) = filter.partner_id.parse::<i64>() {
        query = query.filter(R::PartnerId.eq(id));
    }
    if let Some(region) = filter.region.known() {
        let in_region = scope
            .partners()
            .select_only()
            .column(organization::Column::Id)
            .filter(organization::Column::Region.eq(region.as_str()))
            .into_query();
        query = query.filter(R::PartnerId.in_subquery(in_region));
    }
    if let Ok(from) = chrono::NaiveDate::parse_from_str(&filter.from, "%Y-%m-%d") {
        query = query.filter(R::StartsOn.gte(from));
    }
    if let Ok(to) = chrono::NaiveDate::parse_from_str(&filter.to, "%Y-%m-%d") {
        query = query.filter(R::StartsOn.lte(to));
    }
    query
}

/// A partner's own allocations, the budgets they come from and their
/// balances; empty for vendor staff, who see budget totals summed in the
/// database instead (a program may hold 100,000 allocations).
struct OwnAllocations {
    rows: Vec<fund_allocation::Model>,
    budgets: HashMap<i64, fund_budget::Model>,
    balances: HashMap<i64, Balances>,
}

async fn own_allocations(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
) -> AppResult<OwnAllocations> {
    if scope.actor().role.is_vendor_staff() {
        return Ok(OwnAllocations {
            rows: Vec::new(),
            budgets: HashMap::new(),
            balances: HashMap::new(),
        });
    }
    let rows = scope
        .fund_allocations()
        .order_by_asc(fund_allocation::Column::Id)
        .all(db)
        .await?;
    let budget_ids: Vec<i64> = rows.iter().map(|a| a.budget_id).collect();
    let budgets = in_tenant::<fund_budget::Entity>(scope.tenant_id())
        .filter(fund_budget::Column::Id.is_in(budget_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let balances =
        funds::balances_by_allocation(db, scope.tenant_id(), rows.iter().map(|a| a.id).collect())
            .await?;
    Ok(OwnAllocations {
        rows,
        budgets,
        balances,
    })
}

/// The partner filter holds an id from the picker or a typed name; a name
/// becomes the id it names (or one that matches nothing).
async fn resolve_partner_filter(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    filter: &RequestFilter,
) -> AppResult<RequestFilter> {
    let mut filter = filter.clone();
    if !filter.partner_id.trim().is_empty() && filter.partner_id.parse::<i64>().is_err() {
        let found = organizations::partner_by_id_or_name(db, scope, &filter.partner_id).await?;
        filter.partner_id = found.map_or(-1, |p| p.id).to_string();
    }
    Ok(filter)
}

/// What waits for the actor: requests to review, and claims to review
/// (reviewers) or to pay (finance), with the claim queue's title.
struct Queues {
    requests: Vec<fund_request::Model>,
    claims: Vec<fund_request::Model>,
    claims_title: &'static str,
}

async fn queues(db: &impl ConnectionTrait, scope: &Scope<'_>) -> AppResult<Queues> {
    let actor = scope.actor();
    let requests = if actor.may(Permission::ReviewFunds) {
        scope
            .fund_requests()
            .filter(fund_request::Column::Status.eq(RequestStatus::Submitted))
            .order_by_asc(fund_request::Column::Id)
            .limit(100)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let (claim_status, claims_title) = if actor.may(Permission::PayClaims) {
        (ClaimStatus::Approved, crate::tr!(funds.claims_to_pay))
    } else if actor.may(Permission::ReviewFunds) {
        (ClaimStatus::Submitted, crate::tr!(funds.claims_to_review))
    } else {
        return Ok(Queues {
            requests,
            claims: Vec::new(),
            claims_title: "",
        });
    };
    let request_ids: Vec<i64> = scope
        .fund_claims()
        .select_only()
        .column(fund_claim::Column::RequestId)
        .filter(fund_claim::Column::Status.eq(claim_status))
        .order_by_asc(fund_claim::Column::Id)
        .limit(100)
        .into_tuple()
        .all(db)
        .await?;
    let claims = scope
        .fund_requests()
        .filter(fund_request::Column::Id.is_in(request_ids))
        .order_by_asc(fund_request::Column::Id)
        .all(db)
        .await?;
    Ok(Queues {
        requests,
        claims,
        claims_title,
    })
}

/// The currency of each allocation the request rows point at: the partner's
/// own allocations, the rest (a vendor's lists) looked up in two queries.
async fn currencies(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    own: &OwnAllocations,
    requests: &[&fund_request::Model],
) -> AppResult<HashMap<i64, String>> {
    let mut currencies: HashMap<i64, String> = own
        .rows
        .iter()
        .filter_map(|a| {
            own.budgets
                .get(&a.budget_id)
                .map(|b| (a.id, b.currency.clone()))
        })
        .collect();
    let missing: Vec<i64> = requests
        .iter()
        .map(|r| r.allocation_id)
        .filter(|id| !currencies.contains_key(id))
        .collect();
    if missing.is_empty() {
        return Ok(currencies);
    }
    let extra = in_tenant::<fund_allocation::Entity>(tenant_id)
        .filter(fund_allocation::Column::Id.is_in(missing))
        .all(db)
        .await?;
    let budget_ids: Vec<i64> = extra.iter().map(|a| a.budget_id).collect();
    let extra_budgets: HashMap<i64, String> = in_tenant::<fund_budget::Entity>(tenant_id)
        .filter(fund_budget::Column::Id.is_in(budget_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.currency))
        .collect();
    for a in extra {
        if let Some(c) = extra_budgets.get(&a.budget_id) {
            currencies.insert(a.id, c.clone());
        }
    }
    Ok(currencies)
}

/// Pickers list every partner up to `organizations::PICK_LIMIT`; beyond
/// that the forms take a typed name, with suggestions while typing. Returns the list and
/// whether it holds every partner.
async fn partner_picker(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
) -> AppResult<(Vec<(i64, String)>, bool)> {
    let actor = scope.actor();
    if !(actor.may(Permission::ManageBudgets) || actor.may(Permission::ReviewFunds)) {
        return Ok((Vec::new(), true));
    }
    Ok(organizations::picker(db, scope.partners()).await?)
}

/// The newest events of the first 20 budgets, ten per budget card: one
/// query for the events, one for the names behind them.
async fn budget_histories(
    db: &impl ConnectionTrait,
    actor: &Actor,
    budgets: &[fund_budget::Model],
) -> AppResult<HashMap<i64, Vec<AuditRow>>> {
    let budget_ids: Vec<i64> = budgets.iter().take(20).map(|b| b.id).collect();
    let events =
        crate::ssr::repo::audit::trails(db, actor.tenant_id, Audited::BUDGET, budget_ids).await?;
    let people: HashMap<i64, String> = users::names(
        db,
        actor.tenant_id,
        events.iter().map(|t| t.actor_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    let mut histories: HashMap<i64, Vec<AuditRow>> = HashMap::new();
    for t in events.into_iter().rev() {
        let history = histories.entry(t.entity_id).or_default();
        if history.len() < 10 {
            history.push(AuditRow {
                at: actor.time(t.created_at),
                actor: people
                    .get(&t.actor_id)
                    .cloned()
                    .unwrap_or_else(|| "Partner portal".into()),
                action: t.action,
                detail: t.detail,
            });
        }
    }
    Ok(histories)
}

fn allocation_row(
    a: &fund_allocation::Model,
    own: &OwnAllocations,
    names: &HashMap<i64, String>,
    tiers: &ProgramTiers,
) -> AllocationRow {
    let budget = own.budgets.get(&a.budget_id);
    AllocationRow {
        id: a.id,
        budget_name: budget.map(|b| b.name.clone()).unwrap_or_default(),
        currency: budget.map(|b| b.currency.clone()).unwrap_or_default(),
        holder: holder(a, names, tiers),
        partner_id: a.partner_id,
        ends_on: budget.map(|b| b.ends_on).unwrap_or_default(),
        balances: own.balances.get(&a.id).cloned().unwrap_or_default(),
    }
}

/// The funds page: budgets (vendor staff), the partner's allocations, the
/// filtered request list, the review and payment queues, ROI by activity.
pub async fn overview(
    state: &AppState,
    actor: &Actor,
    filter: &RequestFilter,
) -> AppResult<FundsOverview> {
    let db = &state.db;
    let scope = Scope::new(actor);
    let staff = actor.role.is_vendor_staff();
    let own = own_allocations(db, &scope).await?;
    let filter = resolve_partner_filter(db, &scope, filter).await?;
    let requests = filtered_requests(&scope, &filter)
        .order_by_desc(fund_request::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let queues = queues(db, &scope).await?;
    let shown: Vec<&fund_request::Model> = requests
        .iter()
        .chain(&queues.requests)
        .chain(&queues.claims)
        .collect();
    let mut ids: Vec<i64> = own.rows.iter().filter_map(|a| a.partner_id).collect();
    ids.extend(shown.iter().map(|r| r.partner_id));
    let names = partner_names(db, actor.tenant_id, ids).await?;
    let currencies = currencies(db, actor.tenant_id, &own, &shown).await?;
    let (partners, all_partners_listed) = partner_picker(db, &scope).await?;
    let tiers = ProgramTiers::load(db, actor.tenant_id).await?;
    let rows = |list: &[fund_request::Model]| -> Vec<RequestRow> {
        list.iter()
            .map(|r| request_row(actor, r, &names, &currencies))
            .collect()
    };
    Ok(FundsOverview {
        budgets: budget_rows(db, actor, &scope).await?,
        allocations: own
            .rows
            .iter()
            .map(|a| allocation_row(a, &own, &names, &tiers))
            .collect(),
        requests: rows(&requests),
        queue: rows(&queues.requests),
        claim_queue: rows(&queues.claims),
        claim_queue_title: queues.claims_title.to_owned(),
        claim_days: super::settings::claim_days(state, actor.tenant_id).await?,
        can_configure: actor.may(Permission::ConfigureFunds),
        roi: if staff {
            super::roi::by_activity(state, &scope).await?
        } else {
            Vec::new()
        },
        can_manage_budgets: actor.may(Permission::ManageBudgets),
        can_request: actor.may(Permission::RequestFunds),
        partners,
        all_partners_listed,
        tier_pools: tiers
            .codes()
            .into_iter()
            .map(|code| (format!("t:{code}"), pool_name(&tiers, code)))
            .collect(),
        form_key: tokens::issue().0,
    })
}

/// The program's budgets, newest first; vendor staff also see each one's
/// balances and history.
async fn budget_rows(
    db: &impl ConnectionTrait,
    actor: &Actor,
    scope: &Scope<'_>,
) -> AppResult<Vec<BudgetRow>> {
    let budgets = scope
        .fund_budgets()
        .order_by_desc(fund_budget::Column::StartsOn)
        .all(db)
        .await?;
    let per_budget = if actor.role.is_vendor_staff() {
        funds::balances_by_budget(db, actor.tenant_id).await?
    } else {
        HashMap::new()
    };
    let histories = budget_histories(db, actor, &budgets).await?;
    Ok(budgets
        .iter()
        .map(|b| BudgetRow {
            id: b.id,
            name: b.name.clone(),
            kind: b.kind,
            currency: b.currency.clone(),
            total_minor: b.total_minor,
            unallocated_minor: b.unallocated_minor,
            starts_on: b.starts_on,
            ends_on: b.ends_on,
            balances: per_budget.get(&b.id).cloned().unwrap_or_default(),
            history: histories.get(&b.id).cloned().unwrap_or_default(),
        })
        .collect())
}

pub async fn detail(state: &AppState, actor: &Actor, id: i64) -> AppResult<RequestDetail> {
    let db = &state.db;
    let (r, allocation, budget) = super::request_with_funds(db, actor, id).await?;
    let mut ids = vec![r.partner_id];
    ids.extend(allocation.partner_id);
    let names = partner_names(db, actor.tenant_id, ids).await?;
    let tiers = ProgramTiers::load(db, actor.tenant_id).await?;
    let audit = request_trail(db, actor, r.id).await?;
    let status = r.status;
    let deadline = super::claims::deadline_for(db, actor.tenant_id, r.ends_on).await?;
    let claim = claim_of(state, actor, r.id).await?;
    let claim_open = claim
        .as_ref()
        .is_none_or(|c| c.status == ClaimStatus::Draft);
    let past_deadline = crate::ssr::services::now().date_naive() > deadline;
    let campaign = match r.campaign_id {
        Some(id) => Some(
            crate::ssr::services::campaigns::report::proof(db, actor.tenant_id, id, r.partner_id)
                .await?,
        ),
        None => None,
    };
    Ok(RequestDetail {
        campaign,
        claim_deadline: deadline,
        can_start_claim: actor.may(Permission::RequestFunds)
            && status == RequestStatus::Approved
            && claim.is_none()
            && !past_deadline,
        can_close: (actor.may(Permission::RequestFunds) || actor.may(Permission::ReviewFunds))
            && status == RequestStatus::Approved
            && claim_open,
        claim,
        id: r.id,
        partner_id: r.partner_id,
        partner_name: names.get(&r.partner_id).cloned().unwrap_or_default(),
        allocation_id: allocation.id,
        allocation_holder: format!("{} · {}", budget.name, holder(&allocation, &names, &tiers)),
        activity_type: r.activity_type,
        title: r.title,
        description: r.description,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        currency: budget.currency,
        requested_minor: r.requested_minor,
        approved_minor: r.approved_minor,
        partner_share_minor: r.partner_share_minor,
        expected_leads: r.expected_leads,
        expected_attendees: r.expected_attendees,
        expected_pipeline_minor: r.expected_pipeline_minor,
        status,
        decision_reason: r.decision_reason,
        version: r.version,
        allocation_available_minor: allocation.available_minor,
        can_review: actor.may(Permission::ReviewFunds) && status == RequestStatus::Submitted,
        can_resubmit: actor.may(Permission::RequestFunds)
            && matches!(
                status,
                RequestStatus::ChangesRequested | RequestStatus::Rejected
            ),
        audit,
    })
}

/// The request's claim, if one was started.
async fn claim_of(
    state: &AppState,
    actor: &Actor,
    request_id: i64,
) -> AppResult<Option<ClaimView>> {
    let row = Scope::new(actor)
        .fund_claims()
        .filter(fund_claim::Column::RequestId.eq(request_id))
        .one(&state.db)
        .await?;
    Ok(match row {
        Some(c) => Some(claim_view(state, actor, c).await?),
        None => None,
    })
}

/// A claim as its page shows it, with its proof files and what the actor
/// may do with it.
async fn claim_view(state: &AppState, actor: &Actor, c: fund_claim::Model) -> AppResult<ClaimView> {
    let files = super::claims::files(state, actor.tenant_id, c.id).await?;
    let status = c.status;
    let editable = matches!(status, ClaimStatus::Draft | ClaimStatus::InfoRequested);
    Ok(ClaimView {
        id: c.id,
        status,
        actual_minor: c.actual_minor,
        approved_minor: c.approved_minor,
        actual_leads: c.actual_leads,
        actual_attendees: c.actual_attendees,
        actual_pipeline_minor: c.actual_pipeline_minor,
        results: c.results,
        decision_reason: c.decision_reason,
        paid_on: c.paid_on,
        payment_reference: c.payment_reference,
        version: c.version,
        files: files
            .into_iter()
            .map(|f| ProofFile {
                id: f.id,
                name: f.file_name,
                content_type: f.content_type,
                size_bytes: f.size_bytes,
            })
            .collect(),
        can_edit: actor.may(Permission::RequestFunds) && editable,
        can_review: actor.may(Permission::ReviewFunds) && status == ClaimStatus::Submitted,
        can_pay: actor.may(Permission::PayClaims) && status == ClaimStatus::Approved,
    })
}

/// A request's audit trail, oldest first, with the people's names (the
/// portal itself for background work).
async fn request_trail(
    db: &impl ConnectionTrait,
    actor: &Actor,
    request_id: i64,
) -> AppResult<Vec<AuditRow>> {
    let trail =
        crate::ssr::repo::audit::trail(db, actor.tenant_id, Audited::REQUEST, request_id).await?;
    let people: HashMap<i64, String> = users::names(
        db,
        actor.tenant_id,
        trail.iter().map(|t| t.actor_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    Ok(trail
        .into_iter()
        .map(|t| AuditRow {
            at: actor.time(t.created_at),
            actor: people.get(&t.actor_id).cloned().unwrap_or_else(|| {
                if t.actor_id == 0 {
                    "Partner portal".into()
                } else {
                    "Someone".into()
                }
            }),
            action: t.action,
            detail: t.detail,
        })
        .collect())
}
