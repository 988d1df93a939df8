//! The partner revenue ledger page and the program's exchange rates.
//!
//! Totals in the program's currency follow one rule, so they are exact and
//! the same on every reading: a period's figures in one currency are summed,
//! then converted once at the rate in force on the period's first day,
//! rounded half away from zero ([`Rate::convert`]). A currency without a
//! rate for that day is shown unconverted and named, never guessed.

use super::funds::{commit_audited, Audited};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{exchange_rate, tenant};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, organizations, revenue};
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::money::{currency_codes, minor_digits, Money};
use crate::types::revenue::{FigureRow, PeriodTotal, Rate, RateRow, RevenuePage};
use crate::types::FormErrors;
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;

/// How many of the newest figures the page lists.
const FIGURES_LISTED: u64 = 50;
/// How many of the latest periods the page totals.
const PERIODS_TOTALLED: u64 = 6;

pub async fn page(state: &AppState, actor: &Actor) -> AppResult<RevenuePage> {
    actor.require(Permission::ViewProgram)?;
    let db = &state.db;
    let program = program_currency(db, actor.tenant_id).await?;
    let rates = revenue::rates(db, actor.tenant_id).await?;
    let figures = revenue::latest(db, actor.tenant_id, FIGURES_LISTED).await?;
    let names: HashMap<i64, String> = organizations::names(
        db,
        actor.tenant_id,
        figures.iter().map(|f| f.partner_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    Ok(RevenuePage {
        totals: period_totals(db, actor.tenant_id, &program, &rates).await?,
        figures: figures
            .into_iter()
            .map(|f| FigureRow {
                partner_name: names.get(&f.partner_id).cloned().unwrap_or_default(),
                partner_id: f.partner_id,
                period: f.period,
                source: f.source,
                amount: Money::new(f.amount_minor, f.currency),
            })
            .collect(),
        rates: rates
            .iter()
            .map(|r| RateRow {
                currency: r.currency.clone(),
                valid_from: r.valid_from.to_string(),
                rate: Rate(r.rate_e9).to_input(),
            })
            .collect(),
        can_set_rates: actor.may(Permission::ManageBudgets),
        currencies: currency_codes()
            .filter(|c| *c != program)
            .map(str::to_owned)
            .collect(),
        currency: program,
    })
}

async fn program_currency(db: &impl ConnectionTrait, tenant_id: i64) -> AppResult<String> {
    Ok(tenant::Entity::find_by_id(tenant_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .currency)
}

/// The latest periods' totals, per currency and in the program's.
async fn period_totals(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    program: &str,
    rates: &[exchange_rate::Model],
) -> AppResult<Vec<PeriodTotal>> {
    let sums = revenue::latest_totals(db, tenant_id, PERIODS_TOTALLED).await?;
    let to_digits = minor_digits(program).unwrap_or(2);
    Ok(sums
        .into_iter()
        .map(|s| {
            let in_program = if s.currency == program {
                Some(Money::new(s.amount_minor, program))
            } else {
                revenue::rate_on(rates, &s.currency, s.period_start).map(|rate| {
                    let from = minor_digits(&s.currency).unwrap_or(2);
                    Money::new(rate.convert(s.amount_minor, from, to_digits), program)
                })
            };
            PeriodTotal {
                period: s.period,
                figures: u64::try_from(s.figures).unwrap_or(0),
                amount: Money::new(s.amount_minor, s.currency),
                in_program,
            }
        })
        .collect())
}

/// Sets what one unit of `currency` is worth in the program's currency
/// from `valid_from`; a rate set again for the same day replaces it, and
/// the audit trail keeps both.
pub async fn set_rate(
    state: &AppState,
    actor: &Actor,
    currency: &str,
    valid_from: &str,
    rate: &str,
) -> AppResult<()> {
    actor.require(Permission::ManageBudgets)?;
    let program = program_currency(&state.db, actor.tenant_id).await?;
    let mut e = FormErrors::new().with_values(&[
        ("currency", currency),
        ("valid_from", valid_from),
        ("rate", rate),
    ]);
    let currency = currency.trim().to_uppercase();
    if minor_digits(&currency).is_none() || currency == program {
        e.add("currency", tr!(revenue.choose_currency));
    }
    let day = NaiveDate::parse_from_str(valid_from.trim(), "%Y-%m-%d").ok();
    if day.is_none() {
        e.add("valid_from", tr!(revenue.enter_day));
    }
    let parsed = Rate::parse(rate);
    if parsed.is_none() {
        e.add("rate", tr!(revenue.rate_like));
    }
    let (Some(day), Some(parsed)) = (day, parsed) else {
        return Err(AppError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = super::now();
    let txn = begin_write(&state.db).await?;
    let before = revenue::set_rate(
        &txn,
        actor.tenant_id,
        &currency,
        day,
        parsed,
        actor.user_id,
        now,
    )
    .await?;
    let detail = match before {
        Some(old) => format!(
            "Exchange rate 1 {currency} = {} {program} from {day} (was {})",
            parsed.to_input(),
            old.to_input()
        ),
        None => format!(
            "Exchange rate 1 {currency} = {} {program} from {day}",
            parsed.to_input()
        ),
    };
    commit_audited(
        txn,
        actor,
        Audited::Program(actor.tenant_id),
        "exchange_rate_set",
        &detail,
        now,
    )
    .await
}
