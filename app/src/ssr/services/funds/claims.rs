//! Claims: after the activity the partner states what was spent and
//! achieved, attaches proof (photos, invoices), and submits before the
//! deadline. Reviewers approve (in full or in part), ask for more, or reject;
//! finance pays. Every money movement is a ledger entry; what is reserved but
//! not claimed goes back to the allocation.

use super::{approved_amount, audit, commit_audited, date, money, Audited};
use crate::error::{AppError, AppResult};
use crate::ssr::documents;
use crate::ssr::entities::{fund_allocation, fund_claim, fund_claim_file, fund_request, tenant};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, db_error, funds, is_unique_violation};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::{tokens, Actor, AppState, Scope};
use crate::tr;
use crate::types::form::check;
use crate::types::funds::{ClaimDecision, ClaimStatus, LedgerKind, RequestStatus};
use crate::types::money::parse_amount;
use crate::types::{Choice, FormErrors};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter,
};

pub const MAX_PROOF_BYTES: usize = documents::MAX_BYTES;
pub const MAX_PROOF_FILES: u64 = 10;
/// The answer when the claim changed since it was read.
fn stale() -> AppError {
    AppError::Conflict(tr!(funds.stale_claim).into())
}

pub fn check_proof(bytes: &[u8]) -> AppResult<(&'static str, &'static str)> {
    if bytes.is_empty() {
        return Err(AppError::invalid("proof", tr!(funds.file_empty)));
    }
    if bytes.len() > MAX_PROOF_BYTES {
        return Err(AppError::invalid("proof", tr!(funds.file_large)));
    }
    documents::sniff(bytes).ok_or_else(|| AppError::invalid("proof", tr!(funds.file_type)))
}

struct Context {
    request: fund_request::Model,
    allocation: fund_allocation::Model,
    currency: String,
    deadline: NaiveDate,
    claim: Option<fund_claim::Model>,
}

pub(crate) async fn deadline_for(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    ends_on: NaiveDate,
) -> AppResult<NaiveDate> {
    let days = tenant::Entity::find_by_id(tenant_id)
        .one(db)
        .await?
        .map(|t| t.fund_claim_days)
        .unwrap_or(60);
    Ok(ends_on + Duration::days(i64::from(days)))
}

async fn load(state: &AppState, actor: &Actor, request_id: i64) -> AppResult<Context> {
    let db = &state.db;
    let scope = Scope::new(actor);
    let (request, allocation, budget) = super::request_with_funds(db, actor, request_id).await?;
    let currency = budget.currency;
    let claim = scope
        .fund_claims()
        .filter(fund_claim::Column::RequestId.eq(request.id))
        .one(db)
        .await?;
    let deadline = deadline_for(db, actor.tenant_id, request.ends_on).await?;
    Ok(Context {
        request,
        allocation,
        currency,
        deadline,
        claim,
    })
}

impl Context {
    /// A ledger entry for this request's allocation.
    fn entry<'a>(
        &'a self,
        actor: &Actor,
        kind: LedgerKind,
        amount_minor: i64,
        reason: &'a str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> funds::Entry<'a> {
        funds::Entry {
            tenant_id: actor.tenant_id,
            budget_id: self.allocation.budget_id,
            allocation_id: Some(self.allocation.id),
            request_id: Some(self.request.id),
            kind,
            amount_minor,
            currency: &self.currency,
            actor_id: actor.user_id,
            reason,
            at,
        }
    }
}

fn editable(claim: &fund_claim::Model) -> bool {
    matches!(
        claim.status,
        ClaimStatus::Draft | ClaimStatus::InfoRequested
    )
}

fn check_deadline(ctx: &Context) -> AppResult<()> {
    let today = crate::ssr::services::now().date_naive();
    if today > ctx.deadline {
        return Err(AppError::Conflict(
            tr!(
                funds.deadline_passed,
                date = crate::locale::date(ctx.deadline)
            )
            .to_string(),
        ));
    }
    Ok(())
}

#[derive(Clone, Debug, Default)]
pub struct ClaimInput {
    pub actual: String,
    pub actual_leads: String,
    pub actual_attendees: String,
    pub actual_pipeline: String,
    pub results: String,
}

fn count(e: &mut FormErrors, field: &str, raw: &str) -> i32 {
    match raw.trim() {
        "" => 0,
        v => v
            .parse::<i32>()
            .ok()
            .filter(|n| (0..=10_000_000).contains(n))
            .unwrap_or_else(|| {
                e.add(field, tr!(funds.whole_number));
                0
            }),
    }
}

/// Creates or updates the partner's claim (as a draft until submitted).
pub async fn save(
    state: &AppState,
    actor: &Actor,
    request_id: i64,
    version: i32,
    input: ClaimInput,
) -> AppResult<()> {
    actor.require(Permission::RequestFunds)?;
    let ctx = load(state, actor, request_id).await?;
    ensure_claimable(&ctx)?;
    let figures = read_claim(&ctx, &input).map_err(AppError::Invalid)?;
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    match &ctx.claim {
        None => {
            if !insert_claim(&txn, actor, &ctx, &figures, now).await? {
                // A double submit of the first save: the claim exists now.
                return Ok(());
            }
        }
        Some(c) => update_claim(&txn, actor, c, version, &figures, now).await?,
    }
    let detail = format!(
        "Claim saved: {} spent",
        money(figures.actual, &ctx.currency)
    );
    commit_audited(
        txn,
        actor,
        Audited::Request(ctx.request.id),
        "claim_saved",
        &detail,
        now,
    )
    .await
}

/// A claim can be written while its request is approved, the claim window
/// is open and the claim has not gone to review.
fn ensure_claimable(ctx: &Context) -> AppResult<()> {
    if ctx.request.status != RequestStatus::Approved {
        return Err(AppError::Conflict(tr!(funds.only_approved_claimed).into()));
    }
    check_deadline(ctx)?;
    match &ctx.claim {
        Some(c) if !editable(c) => Err(AppError::Conflict(tr!(funds.claim_locked).into())),
        _ => Ok(()),
    }
}

/// What a claim reports, checked: spend up to the approved amount, counts,
/// pipeline and a description of the results.
struct ClaimFigures {
    actual: i64,
    leads: i32,
    attendees: i32,
    pipeline: i64,
    results: String,
}

fn read_claim(ctx: &Context, input: &ClaimInput) -> Result<ClaimFigures, FormErrors> {
    let approved = ctx.request.approved_minor.unwrap_or(0);
    let mut e = FormErrors::new().with_values(&[
        ("actual", &input.actual),
        ("actual_leads", &input.actual_leads),
        ("actual_attendees", &input.actual_attendees),
        ("actual_pipeline", &input.actual_pipeline),
        ("results", &input.results),
    ]);
    let actual = match parse_amount(&input.actual, &ctx.currency) {
        Ok(0) => {
            e.add("actual", tr!(funds.enter_spent));
            0
        }
        Ok(v) if v > approved => {
            e.add(
                "actual",
                tr!(funds.claim_at_most, amount = money(approved, &ctx.currency)).to_string(),
            );
            v
        }
        Ok(v) => v,
        Err(m) => {
            e.add("actual", m);
            0
        }
    };
    let leads = count(&mut e, "actual_leads", &input.actual_leads);
    let attendees = count(&mut e, "actual_attendees", &input.actual_attendees);
    let pipeline = match input.actual_pipeline.trim() {
        "" => 0,
        raw => parse_amount(raw, &ctx.currency).unwrap_or_else(|m| {
            e.add("actual_pipeline", m);
            0
        }),
    };
    let results = check::required(
        &mut e,
        "results",
        &input.results,
        tr!(funds.what.results),
        4000,
    );
    if !e.is_empty() {
        return Err(e);
    }
    Ok(ClaimFigures {
        actual,
        leads,
        attendees,
        pipeline,
        results,
    })
}

/// The first save of a claim. False when a concurrent first save won (the
/// unique key on the request refuses the second).
async fn insert_claim(
    txn: &DatabaseTransaction,
    actor: &Actor,
    ctx: &Context,
    f: &ClaimFigures,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let inserted = fund_claim::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        request_id: Set(ctx.request.id),
        partner_id: Set(ctx.request.partner_id),
        actual_minor: Set(f.actual),
        approved_minor: Set(None),
        actual_leads: Set(f.leads),
        actual_attendees: Set(f.attendees),
        actual_pipeline_minor: Set(f.pipeline),
        results: Set(f.results.clone()),
        status: Set(ClaimStatus::Draft),
        decision_reason: Set(None),
        paid_on: Set(None),
        payment_reference: Set(None),
        version: Set(1),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(err) if is_unique_violation(&err) => Ok(false),
        Err(err) => Err(db_error(err)),
    }
}

/// A later save: only of the version the partner saw, while still editable.
async fn update_claim(
    txn: &DatabaseTransaction,
    actor: &Actor,
    claim: &fund_claim::Model,
    version: i32,
    f: &ClaimFigures,
    now: DateTime<Utc>,
) -> AppResult<()> {
    use fund_claim::Column as C;
    let res = fund_claim::Entity::update_many()
        .col_expr(C::ActualMinor, Expr::value(f.actual))
        .col_expr(C::ActualLeads, Expr::value(f.leads))
        .col_expr(C::ActualAttendees, Expr::value(f.attendees))
        .col_expr(C::ActualPipelineMinor, Expr::value(f.pipeline))
        .col_expr(C::Results, Expr::value(f.results.clone()))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(tenant_is::<fund_claim::Entity>(actor.tenant_id))
        .filter(C::Id.eq(claim.id))
        .filter(C::Version.eq(version))
        .filter(C::Status.is_in([ClaimStatus::Draft, ClaimStatus::InfoRequested]))
        .exec(txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(stale());
    }
    Ok(())
}

/// Stores one proof file on the partner's editable claim. Checked before
/// anything is written.
pub async fn add_proof(
    state: &AppState,
    actor: &Actor,
    request_id: i64,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<()> {
    actor.require(Permission::RequestFunds)?;
    let ctx = load(state, actor, request_id).await?;
    let claim = ctx
        .claim
        .as_ref()
        .filter(|c| editable(c))
        .ok_or_else(|| AppError::Conflict(tr!(funds.figures_first).into()))?;
    let (ext, mime) = check_proof(&bytes)?;
    let count = in_tenant::<fund_claim_file::Entity>(actor.tenant_id)
        .filter(fund_claim_file::Column::ClaimId.eq(claim.id))
        .count(&state.db)
        .await?;
    if count >= MAX_PROOF_FILES {
        return Err(AppError::invalid(
            "proof",
            tr!(funds.max_files, max = MAX_PROOF_FILES).to_string(),
        ));
    }
    let name = documents::display_name(file_name, "proof", ext);
    let (token, _) = tokens::issue();
    let key = format!(
        "tenants/{}/claims/{}/{}.{ext}",
        actor.tenant_id,
        claim.id,
        &token[..16]
    );
    let size = bytes.len() as i64;
    state.storage.put(&key, bytes).await?;
    let now = crate::ssr::services::now();
    let row = fund_claim_file::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        claim_id: Set(claim.id),
        object_key: Set(key.clone()),
        file_name: Set(name.clone()),
        content_type: Set(mime.into()),
        size_bytes: Set(size),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    if let Err(err) = row {
        // Keep the store and the table in step.
        let _ = state.storage.delete(&key).await;
        return Err(db_error(err));
    }
    let detail = format!("Proof added: {name}");
    audit(
        &state.db,
        actor,
        Audited::Request(ctx.request.id),
        "proof_added",
        &detail,
        now,
    )
    .await
}

pub async fn remove_proof(
    state: &AppState,
    actor: &Actor,
    request_id: i64,
    file_id: i64,
) -> AppResult<()> {
    actor.require(Permission::RequestFunds)?;
    let ctx = load(state, actor, request_id).await?;
    let claim = ctx
        .claim
        .as_ref()
        .filter(|c| editable(c))
        .ok_or_else(|| AppError::Conflict(tr!(funds.proof_locked).into()))?;
    let file = in_tenant::<fund_claim_file::Entity>(actor.tenant_id)
        .filter(fund_claim_file::Column::Id.eq(file_id))
        .filter(fund_claim_file::Column::ClaimId.eq(claim.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    fund_claim_file::Entity::delete_by_id(file.id)
        .exec(&state.db)
        .await?;
    state.storage.delete(&file.object_key).await?;
    let now = crate::ssr::services::now();
    let detail = format!("Proof removed: {}", file.file_name);
    audit(
        &state.db,
        actor,
        Audited::Request(ctx.request.id),
        "proof_removed",
        &detail,
        now,
    )
    .await
}

/// A proof file for anyone who may see the claim: (bytes, MIME type, name).
pub async fn load_proof(
    state: &AppState,
    actor: &Actor,
    file_id: i64,
) -> AppResult<(Vec<u8>, String, String)> {
    let file = in_tenant::<fund_claim_file::Entity>(actor.tenant_id)
        .filter(fund_claim_file::Column::Id.eq(file_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Scope::new(actor)
        .fund_claims()
        .filter(fund_claim::Column::Id.eq(file.claim_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        state.storage.get(&file.object_key).await?,
        file.content_type,
        file.file_name,
    ))
}

pub async fn files(
    state: &AppState,
    tenant_id: i64,
    claim_id: i64,
) -> AppResult<Vec<fund_claim_file::Model>> {
    use sea_orm::QueryOrder;
    Ok(in_tenant::<fund_claim_file::Entity>(tenant_id)
        .filter(fund_claim_file::Column::ClaimId.eq(claim_id))
        .order_by_asc(fund_claim_file::Column::Id)
        .all(&state.db)
        .await?)
}

pub async fn submit(
    state: &AppState,
    actor: &Actor,
    request_id: i64,
    version: i32,
) -> AppResult<()> {
    actor.require(Permission::RequestFunds)?;
    let ctx = load(state, actor, request_id).await?;
    let claim = ctx
        .claim
        .as_ref()
        .filter(|c| editable(c))
        .ok_or_else(|| AppError::Conflict(tr!(funds.no_claim).into()))?;
    check_deadline(&ctx)?;
    if files(state, actor.tenant_id, claim.id).await?.is_empty() {
        return Err(AppError::invalid("proof", tr!(funds.proof_needed)));
    }
    let now = crate::ssr::services::now();
    use fund_claim::Column as C;
    let txn = begin_write(&state.db).await?;
    let res = fund_claim::Entity::update_many()
        .col_expr(C::Status, Expr::value(ClaimStatus::Submitted))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(tenant_is::<fund_claim::Entity>(actor.tenant_id))
        .filter(C::Id.eq(claim.id))
        .filter(C::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(stale());
    }
    let detail = format!(
        "Claim submitted for {}",
        money(claim.actual_minor, &ctx.currency)
    );
    commit_audited(
        txn,
        actor,
        Audited::Request(ctx.request.id),
        "claim_submitted",
        &detail,
        now,
    )
    .await
}

/// Returns what is still reserved for a request to its allocation.
async fn release_rest(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    ctx: &Context,
    amount: i64,
    why: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    if amount <= 0 {
        return Ok(());
    }
    funds::release(txn, actor.tenant_id, ctx.allocation.id, amount).await?;
    Ok(funds::append(txn, ctx.entry(actor, LedgerKind::Release, amount, why, at)).await?)
}

async fn close_request_row(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    request: &fund_request::Model,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<bool> {
    use fund_request::Column as R;
    let res = fund_request::Entity::update_many()
        .col_expr(R::Status, Expr::value(RequestStatus::Closed))
        .col_expr(R::Version, Expr::col(R::Version).add(1))
        .col_expr(R::UpdatedAt, Expr::value(at))
        .filter(tenant_is::<fund_request::Entity>(actor.tenant_id))
        .filter(R::Id.eq(request.id))
        .filter(R::Status.eq(RequestStatus::Approved))
        .exec(txn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A reviewer's decision on a claim, checked.
struct Verdict {
    status: ClaimStatus,
    approved: Option<i64>,
    reason: String,
}

/// Reads the review form: `approve` (at most what was spent; less needs a
/// reason), `info` (ask for more) or `reject`, both with a reason.
fn read_verdict(
    ctx: &Context,
    claim: &fund_claim::Model,
    decision: &Choice<ClaimDecision>,
    amount_raw: &str,
    reason_raw: &str,
) -> Result<Verdict, FormErrors> {
    let mut e = FormErrors::new()
        .with_values(&[("claim_amount", amount_raw), ("claim_reason", reason_raw)]);
    let reason = check::optional(
        &mut e,
        "claim_reason",
        reason_raw,
        tr!(funds.what.reason),
        2000,
    );
    let (status, approved) = match decision.known() {
        Some(ClaimDecision::Approve) => {
            let amount = approved_amount(
                &mut e,
                ("claim_amount", "claim_reason"),
                amount_raw,
                &reason,
                claim.actual_minor,
                &ctx.currency,
                tr!(funds.claim_say_why_less),
            );
            (ClaimStatus::Approved, amount)
        }
        Some(answer @ (ClaimDecision::Info | ClaimDecision::Reject)) => {
            if reason.is_empty() {
                e.add("claim_reason", tr!(funds.claim_tell_what));
            }
            (
                if answer == ClaimDecision::Info {
                    ClaimStatus::InfoRequested
                } else {
                    ClaimStatus::Rejected
                },
                None,
            )
        }
        None => {
            e.add("claim_reason", tr!(funds.claim_choose_decision));
            (ClaimStatus::Submitted, None)
        }
    };
    if e.is_empty() {
        Ok(Verdict {
            status,
            approved,
            reason,
        })
    } else {
        Err(e)
    }
}

/// A reviewer's decision on a submitted claim: `approve` (amount may be
/// less, with a reason), `info` (ask for more) or `reject`.
pub async fn review(
    state: &AppState,
    actor: &Actor,
    request_id: i64,
    version: i32,
    decision: &Choice<ClaimDecision>,
    amount_raw: &str,
    reason_raw: &str,
) -> AppResult<()> {
    actor.require(Permission::ReviewFunds)?;
    let ctx = load(state, actor, request_id).await?;
    let claim = ctx
        .claim
        .clone()
        .filter(|c| c.status == ClaimStatus::Submitted)
        .ok_or_else(|| AppError::Conflict(tr!(funds.no_claim_to_review).into()))?;
    let verdict =
        read_verdict(&ctx, &claim, decision, amount_raw, reason_raw).map_err(AppError::Invalid)?;
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    store_verdict(&txn, actor, &claim, version, &verdict, now).await?;
    let detail = settle(&txn, actor, &ctx, &verdict, now).await?;
    commit_audited(
        txn,
        actor,
        Audited::Request(ctx.request.id),
        "claim_reviewed",
        &detail,
        now,
    )
    .await
}

/// Writes the verdict onto the claim the reviewer saw (`version`), or fails
/// as stale.
async fn store_verdict(
    txn: &DatabaseTransaction,
    actor: &Actor,
    claim: &fund_claim::Model,
    version: i32,
    verdict: &Verdict,
    now: DateTime<Utc>,
) -> AppResult<()> {
    use fund_claim::Column as C;
    let reason = (!verdict.reason.is_empty()).then(|| verdict.reason.clone());
    let res = fund_claim::Entity::update_many()
        .col_expr(C::Status, Expr::value(verdict.status))
        .col_expr(C::ApprovedMinor, Expr::value(verdict.approved))
        .col_expr(C::DecisionReason, Expr::value(reason))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(tenant_is::<fund_claim::Entity>(actor.tenant_id))
        .filter(C::Id.eq(claim.id))
        .filter(C::Version.eq(version))
        .filter(C::Status.eq(ClaimStatus::Submitted))
        .exec(txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(stale());
    }
    Ok(())
}

/// Moves the money a verdict decides (the approved amount, the reserved
/// rest back to the allocation) and says what happened, for the audit trail.
async fn settle(
    txn: &DatabaseTransaction,
    actor: &Actor,
    ctx: &Context,
    verdict: &Verdict,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let reserved = ctx.request.approved_minor.unwrap_or(0);
    let request = ctx.request.id;
    let reason = &verdict.reason;
    Ok(match (verdict.status, verdict.approved) {
        (ClaimStatus::Approved, Some(a)) => {
            let why = format!("Claim on request #{request} approved");
            funds::append(txn, ctx.entry(actor, LedgerKind::Approve, a, &why, now)).await?;
            let rest = format!("Unclaimed rest of request #{request}");
            release_rest(txn, actor, ctx, reserved - a, &rest, now).await?;
            close_request_row(txn, actor, &ctx.request, now).await?;
            if reason.is_empty() {
                format!("Claim approved: {}", money(a, &ctx.currency))
            } else {
                format!("Claim approved: {} ({reason})", money(a, &ctx.currency))
            }
        }
        (ClaimStatus::Rejected, _) => {
            let why = format!("Claim on request #{request} rejected");
            release_rest(txn, actor, ctx, reserved, &why, now).await?;
            close_request_row(txn, actor, &ctx.request, now).await?;
            format!("Claim rejected: {reason}")
        }
        _ => format!("More information requested: {reason}"),
    })
}

/// Finance records the payment of an approved claim.
pub async fn pay(
    state: &AppState,
    actor: &Actor,
    request_id: i64,
    version: i32,
    paid_on_raw: &str,
    reference_raw: &str,
) -> AppResult<()> {
    actor.require(Permission::PayClaims)?;
    let ctx = load(state, actor, request_id).await?;
    let claim = ctx
        .claim
        .clone()
        .filter(|c| c.status == ClaimStatus::Approved)
        .ok_or_else(|| AppError::Conflict(tr!(funds.only_approved_paid).into()))?;
    let mut e = FormErrors::new().with_values(&[
        ("paid_on", paid_on_raw),
        ("payment_reference", reference_raw),
    ]);
    let paid_on = date(&mut e, "paid_on", paid_on_raw, tr!(funds.what.payment_date));
    let reference = check::required(
        &mut e,
        "payment_reference",
        reference_raw,
        tr!(funds.what.payment_reference),
        120,
    );
    let Some(paid_on) = paid_on.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let amount = claim.approved_minor.unwrap_or(0);
    let now = crate::ssr::services::now();
    use fund_claim::Column as C;
    let txn = begin_write(&state.db).await?;
    let res = fund_claim::Entity::update_many()
        .col_expr(C::Status, Expr::value(ClaimStatus::Paid))
        .col_expr(C::PaidOn, Expr::value(paid_on))
        .col_expr(C::PaymentReference, Expr::value(reference.clone()))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(tenant_is::<fund_claim::Entity>(actor.tenant_id))
        .filter(C::Id.eq(claim.id))
        .filter(C::Version.eq(version))
        .filter(C::Status.eq(ClaimStatus::Approved))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(stale());
    }
    let why = format!("Payment {reference}");
    funds::append(&txn, ctx.entry(actor, LedgerKind::Pay, amount, &why, now)).await?;
    let detail = format!(
        "Paid {} on {} (ref. {reference})",
        money(amount, &ctx.currency),
        paid_on.format("%Y-%m-%d")
    );
    commit_audited(
        txn,
        actor,
        Audited::Request(ctx.request.id),
        "paid",
        &detail,
        now,
    )
    .await
}

/// Closes an approved request nobody will claim, releasing its reservation.
pub async fn close_request(state: &AppState, actor: &Actor, request_id: i64) -> AppResult<()> {
    if !(actor.may(Permission::RequestFunds) || actor.may(Permission::ReviewFunds)) {
        return Err(AppError::Forbidden);
    }
    let ctx = load(state, actor, request_id).await?;
    if ctx.claim.as_ref().is_some_and(|c| !editable(c)) {
        return Err(AppError::Conflict(tr!(funds.claim_under_way).into()));
    }
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    if !close_request_row(&txn, actor, &ctx.request, now).await? {
        return Err(AppError::Conflict(tr!(funds.only_approved_closed).into()));
    }
    let reserved = ctx.request.approved_minor.unwrap_or(0);
    release_rest(
        &txn,
        actor,
        &ctx,
        reserved,
        &format!("Request #{} closed without claim", ctx.request.id),
        now,
    )
    .await?;
    let detail = format!("Closed; {} released", money(reserved, &ctx.currency));
    commit_audited(
        txn,
        actor,
        Audited::Request(ctx.request.id),
        "closed",
        &detail,
        now,
    )
    .await
}

/// Closes an approved request whose claim deadline has passed without a
/// submitted claim, releasing its reservation. False if something else
/// (a claim, another instance) got there first.
pub(crate) async fn expire(state: &AppState, system: &Actor, request_id: i64) -> AppResult<bool> {
    let ctx = load(state, system, request_id).await?;
    if ctx.claim.as_ref().is_some_and(|c| !editable(c)) {
        return Ok(false);
    }
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    if !close_request_row(&txn, system, &ctx.request, now).await? {
        return Ok(false);
    }
    let reserved = ctx.request.approved_minor.unwrap_or(0);
    let why = format!(
        "Claim deadline {} passed for request #{}",
        ctx.deadline.format("%Y-%m-%d"),
        ctx.request.id
    );
    release_rest(&txn, system, &ctx, reserved, &why, now).await?;
    let detail = format!(
        "Expired: no claim by {}; {} released",
        ctx.deadline.format("%Y-%m-%d"),
        money(reserved, &ctx.currency)
    );
    audit(
        &txn,
        system,
        Audited::Request(ctx.request.id),
        "expired",
        &detail,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proof_is_checked_for_size() {
        assert!(check_proof(b"").is_err());
        assert!(check_proof(&vec![b'%'; MAX_PROOF_BYTES + 1]).is_err());
        assert!(check_proof(b"%PDF-1.7\n%%EOF").is_ok());
    }
}
