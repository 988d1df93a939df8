//! Fund requests: partners ask before an activity; reviewers approve in full
//! or in part, reject, or ask for changes. Approval reserves the amount with
//! a conditional update, so no interleaving of approvals can overdraw an
//! allocation; every change lands in the ledger and the audit trail.

use super::{approved_amount, audit, commit_audited, money, period, positive_amount, Audited};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{fund_allocation, fund_budget, fund_request};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, db_error, funds, is_unique_violation};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::notifications::{self, Notice, Recipient};
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::form::check;
use crate::types::funds::{ActivityType, LedgerKind, RequestDecision, RequestStatus};
use crate::types::money::parse_amount;
use crate::types::notification::{Details, NotificationKind};
use crate::types::{Choice, FormErrors};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};

/// The answer when the request changed since it was read.
fn stale() -> AppError {
    AppError::Conflict(tr!(funds.stale_request).into())
}

#[derive(Clone, Debug, Default)]
pub struct RequestInput {
    pub allocation_id: String,
    pub activity_type: Choice<ActivityType>,
    pub title: String,
    pub description: String,
    pub starts_on: String,
    pub ends_on: String,
    pub amount: String,
    pub partner_share: String,
    pub expected_leads: String,
    pub expected_attendees: String,
    pub expected_pipeline: String,
    /// The campaign the activity runs (its results become the proof).
    pub campaign_id: Option<i64>,
}

struct ValidRequest {
    allocation: fund_allocation::Model,
    currency: String,
    activity_type: ActivityType,
    title: String,
    description: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    amount: i64,
    partner_share: i64,
    leads: i32,
    attendees: i32,
    pipeline: i64,
}

fn count(e: &mut FormErrors, field: &str, raw: &str) -> i32 {
    let raw = raw.trim();
    if raw.is_empty() {
        return 0;
    }
    match raw.parse::<i32>() {
        Ok(v) if (0..=10_000_000).contains(&v) => v,
        _ => {
            e.add(field, tr!(funds.whole_number));
            0
        }
    }
}

async fn validate(
    state: &AppState,
    actor: &Actor,
    input: &RequestInput,
) -> AppResult<ValidRequest> {
    let mut e = FormErrors::new().with_values(&[
        ("allocation_id", &input.allocation_id),
        ("activity_type", &input.activity_type.raw()),
        ("title", &input.title),
        ("description", &input.description),
        ("starts_on", &input.starts_on),
        ("ends_on", &input.ends_on),
        ("amount", &input.amount),
        ("partner_share", &input.partner_share),
        ("expected_leads", &input.expected_leads),
        ("expected_attendees", &input.expected_attendees),
        ("expected_pipeline", &input.expected_pipeline),
    ]);
    let chosen = chosen_allocation(state, actor, &input.allocation_id).await?;
    let activity_type =
        input
            .activity_type
            .require(&mut e, "activity_type", tr!(funds.choose_activity));
    let title = check::required(&mut e, "title", &input.title, tr!(funds.what.title), 120);
    let description = check::required(
        &mut e,
        "description",
        &input.description,
        tr!(funds.what.plan),
        4000,
    );
    let (starts_on, ends_on) = period(
        &mut e,
        (&input.starts_on, &input.ends_on),
        tr!(funds.activity_order),
    );
    let Some((allocation, budget)) = chosen else {
        e.add("allocation_id", tr!(funds.choose_draw));
        return Err(AppError::Invalid(e));
    };
    let currency = budget.currency;
    let amount = requested_amount(&mut e, &input.amount, &allocation, &currency);
    let partner_share = optional_amount(&mut e, "partner_share", &input.partner_share, &currency);
    let leads = count(&mut e, "expected_leads", &input.expected_leads);
    let attendees = count(&mut e, "expected_attendees", &input.expected_attendees);
    let pipeline = optional_amount(
        &mut e,
        "expected_pipeline",
        &input.expected_pipeline,
        &currency,
    );
    let (Some(activity_type), Some(starts_on), Some(ends_on)) = (activity_type, starts_on, ends_on)
    else {
        return Err(AppError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    Ok(ValidRequest {
        allocation,
        currency,
        activity_type,
        title,
        description,
        starts_on,
        ends_on,
        amount,
        partner_share,
        leads,
        attendees,
        pipeline,
    })
}

/// The allocation a request draws on, with its budget, when the actor's
/// scope holds it.
async fn chosen_allocation(
    state: &AppState,
    actor: &Actor,
    raw_id: &str,
) -> AppResult<Option<(fund_allocation::Model, fund_budget::Model)>> {
    let Ok(id) = raw_id.parse::<i64>() else {
        return Ok(None);
    };
    let Some(allocation) = Scope::new(actor)
        .fund_allocations()
        .filter(fund_allocation::Column::Id.eq(id))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let budget = in_tenant::<fund_budget::Entity>(actor.tenant_id)
        .filter(fund_budget::Column::Id.eq(allocation.budget_id))
        .one(&state.db)
        .await?;
    Ok(budget.map(|b| (allocation, b)))
}

/// The amount asked for: above zero and within what the allocation has left.
fn requested_amount(
    e: &mut FormErrors,
    raw: &str,
    allocation: &fund_allocation::Model,
    currency: &str,
) -> i64 {
    let amount = positive_amount(e, "amount", raw, currency);
    if amount > allocation.available_minor {
        e.add(
            "amount",
            tr!(
                funds.available_only,
                amount = money(allocation.available_minor, currency)
            )
            .to_string(),
        );
    }
    amount
}

/// An amount the partner may leave empty (zero).
fn optional_amount(e: &mut FormErrors, field: &str, raw: &str, currency: &str) -> i64 {
    if raw.trim().is_empty() {
        return 0;
    }
    parse_amount(raw, currency).unwrap_or_else(|m| {
        e.add(field, m);
        0
    })
}

/// Files a request. A repeated `key` (double submit, retry) returns the
/// request the first submit created.
pub async fn submit(
    state: &AppState,
    actor: &Actor,
    key: &str,
    input: RequestInput,
) -> AppResult<i64> {
    actor.require(Permission::RequestFunds)?;
    let key = crate::ssr::services::form_key(key, "title")?;
    if let Some(found) = by_key(state, actor, key).await? {
        return Ok(found.id);
    }
    let v = validate(state, actor, &input).await?;
    if let Some(campaign_id) = input.campaign_id {
        ensure_joined(state, actor, campaign_id).await?;
    }
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    let request = match insert_request(&txn, actor, &v, key, input.campaign_id, now).await {
        Ok(r) => r,
        // A concurrent submit with the same key won the race.
        Err(err) if is_unique_violation(&err) => {
            drop(txn);
            return by_key(state, actor, key)
                .await?
                .map(|r| r.id)
                .ok_or(AppError::Internal);
        }
        Err(err) => return Err(db_error(err)),
    };
    let detail = format!("Requested {}", money(v.amount, &v.currency));
    audit(
        &txn,
        actor,
        Audited::Request(request.id),
        "submitted",
        &detail,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(request.id)
}

/// The request an earlier submit of the same form created.
async fn by_key(
    state: &AppState,
    actor: &Actor,
    key: &str,
) -> AppResult<Option<fund_request::Model>> {
    Ok(Scope::new(actor)
        .fund_requests()
        .filter(fund_request::Column::IdempotencyKey.eq(key))
        .one(&state.db)
        .await?)
}

/// Funds for a campaign are asked only by partners who joined it.
async fn ensure_joined(state: &AppState, actor: &Actor, campaign_id: i64) -> AppResult<()> {
    if crate::ssr::services::campaigns::joined(&state.db, actor, campaign_id)
        .await?
        .is_none()
    {
        return Err(AppError::invalid("title", tr!(funds.opt_in_first)));
    }
    Ok(())
}

async fn insert_request(
    txn: &DatabaseTransaction,
    actor: &Actor,
    v: &ValidRequest,
    key: &str,
    campaign_id: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<fund_request::Model, sea_orm::DbErr> {
    fund_request::ActiveModel {
        campaign_id: Set(campaign_id),
        tenant_id: Set(actor.tenant_id),
        partner_id: Set(actor.organization_id),
        allocation_id: Set(v.allocation.id),
        activity_type: Set(v.activity_type),
        title: Set(v.title.clone()),
        description: Set(v.description.clone()),
        starts_on: Set(v.starts_on),
        ends_on: Set(v.ends_on),
        requested_minor: Set(v.amount),
        approved_minor: Set(None),
        partner_share_minor: Set(v.partner_share),
        expected_leads: Set(v.leads),
        expected_attendees: Set(v.attendees),
        expected_pipeline_minor: Set(v.pipeline),
        status: Set(RequestStatus::Submitted),
        decision_reason: Set(None),
        idempotency_key: Set(key.to_owned()),
        claim_reminded_at: Set(None),
        version: Set(1),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
}

async fn visible(state: &AppState, actor: &Actor, id: i64) -> AppResult<fund_request::Model> {
    Scope::new(actor)
        .fund_requests()
        .filter(fund_request::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Edits a request the reviewer sent back (or rejected) and submits it again.
pub async fn resubmit(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i32,
    input: RequestInput,
) -> AppResult<()> {
    actor.require(Permission::RequestFunds)?;
    let current = visible(state, actor, id).await?;
    if !matches!(
        current.status,
        RequestStatus::ChangesRequested | RequestStatus::Rejected
    ) {
        return Err(AppError::Conflict(tr!(funds.only_returned).into()));
    }
    let v = validate(state, actor, &input).await?;
    let now = crate::ssr::services::now();
    use fund_request::Column as R;
    let txn = begin_write(&state.db).await?;
    let res = fund_request::Entity::update_many()
        .col_expr(R::AllocationId, Expr::value(v.allocation.id))
        .col_expr(R::ActivityType, Expr::value(v.activity_type))
        .col_expr(R::Title, Expr::value(v.title))
        .col_expr(R::Description, Expr::value(v.description))
        .col_expr(R::StartsOn, Expr::value(v.starts_on))
        .col_expr(R::EndsOn, Expr::value(v.ends_on))
        .col_expr(R::RequestedMinor, Expr::value(v.amount))
        .col_expr(R::PartnerShareMinor, Expr::value(v.partner_share))
        .col_expr(R::ExpectedLeads, Expr::value(v.leads))
        .col_expr(R::ExpectedAttendees, Expr::value(v.attendees))
        .col_expr(R::ExpectedPipelineMinor, Expr::value(v.pipeline))
        .col_expr(R::Status, Expr::value(RequestStatus::Submitted))
        .col_expr(R::Version, Expr::col(R::Version).add(1))
        .col_expr(R::UpdatedAt, Expr::value(now))
        .filter(tenant_is::<fund_request::Entity>(actor.tenant_id))
        .filter(R::Id.eq(current.id))
        .filter(R::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(stale());
    }
    let detail = format!("Resubmitted for {}", money(v.amount, &v.currency));
    commit_audited(
        txn,
        actor,
        Audited::Request(current.id),
        "resubmitted",
        &detail,
        now,
    )
    .await
}

/// A reviewer's decision, checked: the status it leads to, the amount
/// approved and the reason the partner reads.
struct Decision {
    status: RequestStatus,
    approved: Option<i64>,
    reason: String,
}

/// Reads the review form against the request: an approval of at most the
/// requested amount (less needs a reason), or a rejection or request for
/// changes with a reason.
fn read_decision(
    request: &fund_request::Model,
    currency: &str,
    decision: &Choice<RequestDecision>,
    amount_raw: &str,
    reason_raw: &str,
) -> Result<Decision, FormErrors> {
    let mut e = FormErrors::new().with_values(&[
        ("decision", &decision.raw()),
        ("amount", amount_raw),
        ("reason", reason_raw),
    ]);
    let reason = check::optional(&mut e, "reason", reason_raw, tr!(funds.what.reason), 2000);
    let (status, approved) = match decision.known() {
        Some(RequestDecision::Approve) => {
            let amount = approved_amount(
                &mut e,
                ("amount", "reason"),
                amount_raw,
                &reason,
                request.requested_minor,
                currency,
                tr!(funds.say_why_less),
            );
            (RequestStatus::Approved, amount)
        }
        Some(answer @ (RequestDecision::Reject | RequestDecision::Changes)) => {
            if reason.is_empty() {
                e.add("reason", tr!(funds.tell_why));
            }
            let status = if answer == RequestDecision::Reject {
                RequestStatus::Rejected
            } else {
                RequestStatus::ChangesRequested
            };
            (status, None)
        }
        None => {
            e.add("decision", tr!(funds.choose_decision));
            (RequestStatus::Submitted, None)
        }
    };
    if e.is_empty() {
        Ok(Decision {
            status,
            approved,
            reason,
        })
    } else {
        Err(e)
    }
}

/// Holds an approved amount on the allocation and books it in the ledger;
/// refuses when the allocation no longer has that much left.
async fn reserve_approved(
    txn: &DatabaseTransaction,
    actor: &Actor,
    budget: &fund_budget::Model,
    allocation_id: i64,
    request_id: i64,
    amount: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let currency = budget.currency.as_str();
    if !funds::reserve(txn, actor.tenant_id, allocation_id, amount).await? {
        let left = fund_allocation::Entity::find_by_id(allocation_id)
            .one(txn)
            .await?
            .map(|a| a.available_minor)
            .unwrap_or(0);
        return Err(AppError::Conflict(
            tr!(
                funds.left_only,
                left = money(left, currency),
                amount = money(amount, currency)
            )
            .to_string(),
        ));
    }
    let why = format!("Approved request #{request_id}");
    funds::append(
        txn,
        funds::Entry {
            tenant_id: actor.tenant_id,
            budget_id: budget.id,
            allocation_id: Some(allocation_id),
            request_id: Some(request_id),
            kind: LedgerKind::Reserve,
            amount_minor: amount,
            currency,
            actor_id: actor.user_id,
            reason: &why,
            at,
        },
    )
    .await?;
    Ok(())
}

/// Writes the decision onto the request the reviewer saw (`version`), or
/// fails as stale.
async fn store_decision(
    txn: &DatabaseTransaction,
    actor: &Actor,
    request: &fund_request::Model,
    version: i32,
    d: &Decision,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    use fund_request::Column as R;
    let reason = (!d.reason.is_empty()).then(|| d.reason.clone());
    let res = fund_request::Entity::update_many()
        .col_expr(R::Status, Expr::value(d.status))
        .col_expr(R::ApprovedMinor, Expr::value(d.approved))
        .col_expr(R::DecisionReason, Expr::value(reason))
        .col_expr(R::Version, Expr::col(R::Version).add(1))
        .col_expr(R::UpdatedAt, Expr::value(now))
        .filter(tenant_is::<fund_request::Entity>(actor.tenant_id))
        .filter(R::Id.eq(request.id))
        .filter(R::Version.eq(version))
        .filter(R::Status.eq(RequestStatus::Submitted))
        .exec(txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(stale());
    }
    Ok(())
}

/// A reviewer's decision on a submitted request.
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i32,
    decision: &Choice<RequestDecision>,
    amount_raw: &str,
    reason_raw: &str,
) -> AppResult<()> {
    actor.require(Permission::ReviewFunds)?;
    let (request, allocation, budget) = super::request_with_funds(&state.db, actor, id).await?;
    if request.status != RequestStatus::Submitted {
        return Err(AppError::Conflict(tr!(funds.already_decided).into()));
    }
    let currency = budget.currency.as_str();
    let verdict = read_decision(&request, currency, decision, amount_raw, reason_raw)
        .map_err(AppError::Invalid)?;
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    // The request row is written first: a stale or concurrent decision stops
    // here, before any money moves.
    store_decision(&txn, actor, &request, version, &verdict, now).await?;
    let Decision {
        status,
        approved,
        reason,
    } = verdict;
    let (action, detail) = match (status, approved) {
        (RequestStatus::Approved, Some(a)) => {
            reserve_approved(&txn, actor, &budget, allocation.id, request.id, a, now).await?;
            let detail = if reason.is_empty() {
                format!("Approved {}", money(a, currency))
            } else {
                format!("Approved {}: {reason}", money(a, currency))
            };
            ("approved", detail)
        }
        (RequestStatus::Rejected, _) => ("rejected", format!("Rejected: {reason}")),
        _ => ("changes_requested", format!("Changes requested: {reason}")),
    };
    commit_audited(
        txn,
        actor,
        Audited::Request(request.id),
        action,
        &detail,
        now,
    )
    .await?;
    tell_partner(state, &request, status, reason).await;
    Ok(())
}

/// Tells the partner's users of a decision on their request. The decision
/// is stored already, so a failure here is logged, not returned.
async fn tell_partner(
    state: &AppState,
    request: &fund_request::Model,
    status: RequestStatus,
    reason: String,
) {
    let notify = async {
        let people = crate::ssr::repo::users::partner_people(
            &state.db,
            request.tenant_id,
            request.partner_id,
        )
        .await?;
        let notices = people
            .iter()
            .map(|person| Notice {
                to: Recipient::from(person),
                kind: NotificationKind::FundsDecided,
                subject_id: Some(request.id),
                details: Details::FundsDecided {
                    title: request.title.clone(),
                    status,
                    reason: reason.clone(),
                },
                link: format!("/funds/requests/{}", request.id),
            })
            .collect();
        notifications::deliver(
            &state.db,
            &state.config.base_url,
            request.tenant_id,
            notices,
        )
        .await
    };
    if let Err(err) = notify.await {
        tracing::error!(error = %err, request_id = request.id, "fund decision notice failed");
    }
}
