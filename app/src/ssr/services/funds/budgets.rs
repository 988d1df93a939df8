//! Budgets and allocations. Allocations never exceed the budget: the budget's
//! unallocated counter is taken with one conditional update.

use super::{audit, commit_audited, money, period, positive_amount, Audited};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{fund_allocation, fund_budget};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, db_error, funds, is_unique_violation, organizations};
use crate::ssr::services::tiers::ProgramTiers;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::form::check;
use crate::types::funds::{BudgetKind, LedgerKind};
use crate::types::money::is_currency;
use crate::types::{Choice, FormErrors};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, DbErr, QueryFilter,
};

#[derive(Clone, Debug, Default)]
pub struct BudgetInput {
    pub name: String,
    pub kind: Choice<BudgetKind>,
    pub currency: String,
    pub total: String,
    pub starts_on: String,
    pub ends_on: String,
    pub coop_percent: String,
}

/// A form key must look like one the overview handed out.
fn checked_key(key: &str) -> AppResult<&str> {
    let key = key.trim();
    if (16..=64).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(key)
    } else {
        Err(AppError::Conflict(tr!(common.form_expired).into()))
    }
}

struct ValidBudget {
    name: String,
    kind: BudgetKind,
    currency: String,
    total: i64,
    starts: NaiveDate,
    ends: NaiveDate,
    coop: Option<i32>,
}

/// Creates a budget; a repeated `key` (double submit) returns the first one.
pub async fn create_budget(
    state: &AppState,
    actor: &Actor,
    key: &str,
    input: BudgetInput,
) -> AppResult<i64> {
    actor.require(Permission::ManageBudgets)?;
    let key = checked_key(key)?;
    if let Some(found) = budget_by_key(state, actor, key).await? {
        return Ok(found.id);
    }
    let v = validate_budget(&input)?;
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    let budget = match insert_budget(&txn, actor, &v, key, now).await {
        Ok(b) => b,
        Err(err) if is_unique_violation(&err) => {
            drop(txn);
            let found = budget_by_key(state, actor, key).await?;
            return found.map(|b| b.id).ok_or(AppError::Internal);
        }
        Err(err) => return Err(db_error(err)),
    };
    let detail = format!("Budget of {} created", money(v.total, &v.currency));
    commit_audited(
        txn,
        actor,
        Audited::Budget(budget.id),
        "created",
        &detail,
        now,
    )
    .await?;
    Ok(budget.id)
}

async fn budget_by_key(
    state: &AppState,
    actor: &Actor,
    key: &str,
) -> AppResult<Option<fund_budget::Model>> {
    Ok(Scope::new(actor)
        .fund_budgets()
        .filter(fund_budget::Column::IdempotencyKey.eq(key))
        .one(&state.db)
        .await?)
}

fn validate_budget(input: &BudgetInput) -> AppResult<ValidBudget> {
    let mut e = FormErrors::new().with_values(&[
        ("name", &input.name),
        ("kind", &input.kind.raw()),
        ("currency", &input.currency),
        ("total", &input.total),
        ("starts_on", &input.starts_on),
        ("ends_on", &input.ends_on),
        ("coop_percent", &input.coop_percent),
    ]);
    let name = check::required(
        &mut e,
        "name",
        &input.name,
        tr!(funds.what.budget_name),
        120,
    );
    let kind = input
        .kind
        .require(&mut e, "kind", tr!(funds.choose_budget_kind));
    let currency = input.currency.trim().to_uppercase();
    if !is_currency(&currency) {
        e.add("currency", tr!(funds.choose_currency));
    }
    let total = positive_amount(&mut e, "total", &input.total, &currency);
    let (starts, ends) = period(
        &mut e,
        (&input.starts_on, &input.ends_on),
        tr!(funds.period_order),
    );
    let coop = if kind == Some(BudgetKind::Coop) {
        coop_share(&mut e, &input.coop_percent)
    } else {
        None
    };
    let (Some(kind), Some(starts), Some(ends)) = (kind, starts, ends) else {
        return Err(AppError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    Ok(ValidBudget {
        name,
        kind,
        currency,
        total,
        starts,
        ends,
        coop,
    })
}

/// A co-op budget's accrual share in basis points, typed as a percentage.
fn coop_share(e: &mut FormErrors, raw: &str) -> Option<i32> {
    match raw.trim().replace(',', ".").parse::<f64>() {
        Ok(p) if p > 0.0 && p <= 100.0 => Some((p * 100.0).round() as i32),
        _ => {
            e.add("coop_percent", tr!(funds.coop_share));
            None
        }
    }
}

async fn insert_budget(
    txn: &DatabaseTransaction,
    actor: &Actor,
    v: &ValidBudget,
    key: &str,
    now: DateTime<Utc>,
) -> Result<fund_budget::Model, DbErr> {
    fund_budget::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        name: Set(v.name.clone()),
        kind: Set(v.kind),
        currency: Set(v.currency.clone()),
        total_minor: Set(v.total),
        unallocated_minor: Set(v.total),
        coop_percent_bp: Set(v.coop),
        starts_on: Set(v.starts),
        ends_on: Set(v.ends),
        idempotency_key: Set(key.to_owned()),
        version: Set(1),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
}

/// Who holds an allocation: one partner or a tier's pool.
struct Holder {
    partner: Option<i64>,
    tier: Option<String>,
    name: String,
}

/// Where an allocation goes: `p:<partner id>` or `t:<tier>` (a tier pool).
/// A repeated `key` (double submit) allocates once.
pub async fn allocate(
    state: &AppState,
    actor: &Actor,
    key: &str,
    budget_raw: &str,
    target_raw: &str,
    amount_raw: &str,
) -> AppResult<()> {
    actor.require(Permission::ManageBudgets)?;
    let key = checked_key(key)?;
    let scope = Scope::new(actor);
    let done = scope
        .fund_allocations()
        .filter(fund_allocation::Column::IdempotencyKey.eq(key))
        .one(&state.db)
        .await?;
    if done.is_some() {
        return Ok(());
    }
    let mut e = FormErrors::new().with_values(&[
        ("budget_id", budget_raw),
        ("target", target_raw),
        ("amount", amount_raw),
    ]);
    let Some(budget) = chosen_budget(state, &scope, budget_raw).await? else {
        e.add("budget_id", tr!(funds.choose_budget));
        return Err(AppError::Invalid(e));
    };
    let holder = holder(state, &scope, &mut e, target_raw).await?;
    let amount = positive_amount(&mut e, "amount", amount_raw, &budget.currency);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = crate::ssr::services::now();
    let txn = begin_write(&state.db).await?;
    if !funds::take_from_budget(&txn, actor.tenant_id, budget.id, amount).await? {
        let left = money(budget.unallocated_minor, &budget.currency);
        e.add("amount", tr!(funds.budget_left, left).to_string());
        return Err(AppError::Invalid(e));
    }
    let allocation = match insert_allocation(&txn, actor, &budget, &holder, amount, key, now).await
    {
        Ok(a) => a,
        // A concurrent double submit got there first; its transaction took the money.
        Err(err) if is_unique_violation(&err) => return Ok(()),
        Err(err) => return Err(db_error(err)),
    };
    record_allocation(&txn, actor, &budget, &allocation, &holder.name, now).await?;
    Ok(txn.commit().await?)
}

async fn chosen_budget(
    state: &AppState,
    scope: &Scope<'_>,
    raw_id: &str,
) -> AppResult<Option<fund_budget::Model>> {
    let Ok(id) = raw_id.parse::<i64>() else {
        return Ok(None);
    };
    Ok(scope
        .fund_budgets()
        .filter(fund_budget::Column::Id.eq(id))
        .one(&state.db)
        .await?)
}

/// The holder the picker or the typed name points at; an error otherwise.
async fn holder(
    state: &AppState,
    scope: &Scope<'_>,
    e: &mut FormErrors,
    target_raw: &str,
) -> AppResult<Holder> {
    Ok(match allocation_target(state, scope, target_raw).await? {
        Some(Target::Partner(id, name)) => Holder {
            partner: Some(id),
            tier: None,
            name,
        },
        Some(Target::Pool(code, name)) => Holder {
            partner: None,
            tier: Some(code),
            name,
        },
        None => {
            e.add(
                "target",
                super::partner_problem(target_raw, tr!(funds.choose_partner_or_pool)),
            );
            Holder {
                partner: None,
                tier: None,
                name: String::new(),
            }
        }
    })
}

async fn insert_allocation(
    txn: &DatabaseTransaction,
    actor: &Actor,
    budget: &fund_budget::Model,
    holder: &Holder,
    amount: i64,
    key: &str,
    now: DateTime<Utc>,
) -> Result<fund_allocation::Model, DbErr> {
    fund_allocation::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        budget_id: Set(budget.id),
        partner_id: Set(holder.partner),
        tier: Set(holder.tier.clone()),
        amount_minor: Set(amount),
        available_minor: Set(amount),
        idempotency_key: Set(key.to_owned()),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
}

/// The allocation's credit in the ledger and its line in the audit trail.
async fn record_allocation(
    txn: &DatabaseTransaction,
    actor: &Actor,
    budget: &fund_budget::Model,
    allocation: &fund_allocation::Model,
    holder: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let reason = format!("Allocated to {holder}");
    funds::append(
        txn,
        funds::Entry {
            tenant_id: actor.tenant_id,
            budget_id: budget.id,
            allocation_id: Some(allocation.id),
            request_id: None,
            kind: LedgerKind::Credit,
            amount_minor: allocation.amount_minor,
            currency: &budget.currency,
            actor_id: actor.user_id,
            reason: &reason,
            at: now,
        },
    )
    .await?;
    let detail = format!(
        "{} allocated to {holder}",
        money(allocation.amount_minor, &budget.currency)
    );
    audit(
        txn,
        actor,
        Audited::Budget(budget.id),
        "allocated",
        &detail,
        now,
    )
    .await?;
    Ok(())
}

enum Target {
    /// (id, name)
    Partner(i64, String),
    /// (code, "Gold tier pool")
    Pool(String, String),
}

/// Where an allocation goes: `p:<id>` or `t:<tier>` from the picker, or,
/// where the program is too large to list every partner, the typed name of a
/// partner or of a tier pool ("Gold tier pool").
async fn allocation_target(
    state: &AppState,
    scope: &Scope<'_>,
    raw: &str,
) -> AppResult<Option<Target>> {
    let raw = raw.trim();
    let tiers = ProgramTiers::load(&state.db, scope.tenant_id()).await?;
    let pool = |code: &str| Target::Pool(code.to_owned(), super::overview::pool_name(&tiers, code));
    if let Some(code) = raw.strip_prefix("t:").filter(|c| tiers.knows(c)) {
        return Ok(Some(pool(code)));
    }
    if let Some(code) = tiers
        .codes()
        .into_iter()
        .find(|c| raw.eq_ignore_ascii_case(&super::overview::pool_name(&tiers, c)))
    {
        return Ok(Some(pool(code)));
    }
    let partner = match raw.strip_prefix("p:") {
        Some(id) if id.parse::<i64>().is_ok() => {
            organizations::partner_by_id_or_name(&state.db, scope, id).await
        }
        Some(_) => return Ok(None),
        None if raw.parse::<i64>().is_ok() => return Ok(None),
        None => organizations::partner_by_id_or_name(&state.db, scope, raw).await,
    }?;
    Ok(partner.map(|p| Target::Partner(p.id, p.name)))
}
