//! Co-op accrual from won deals: for one co-op budget and period (a month
//! or a quarter), each partner's won deal registrations in the budget's
//! currency, already in the revenue ledger one row per deal, accrue the
//! budget's percentage into its co-op allocation, through the funds ledger.
//! A partner with a co-op figure for that budget and period already is
//! left out (its figure stands), so nothing accrues twice.

use super::coop::{self, Row};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{fund_revenue, organization, partner_revenue};
use crate::ssr::permission::Permission;
use crate::ssr::repo::revenue::first_day;
use crate::ssr::scope::in_tenant;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::revenue::{Period, RevenueSource};
use crate::types::FormErrors;
use chrono::{Months, NaiveDate};
use sea_orm::{ColumnTrait, QueryFilter};
use std::collections::{BTreeMap, HashSet};

/// What an accrual from won deals did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accrued {
    /// Partners whose won deals accrued.
    pub partners: usize,
    /// Partners left out: a co-op figure for the period was there already.
    pub skipped: usize,
}

/// The first day of `period` and the first day after it.
fn span(period: Period) -> (NaiveDate, NaiveDate) {
    let start = first_day(period);
    let months = match period {
        Period::Month { .. } => 1,
        Period::Quarter { .. } => 3,
    };
    (start, start + Months::new(months))
}

/// Accrues the won deals of `period` into co-op budget `budget_raw`.
pub async fn accrue(
    state: &AppState,
    actor: &Actor,
    budget_raw: &str,
    period_raw: &str,
) -> AppResult<Accrued> {
    actor.require(Permission::ManageBudgets)?;
    let scope = Scope::new(actor);
    let mut e = FormErrors::new().with_values(&[("budget_id", budget_raw), ("period", period_raw)]);
    let budget = coop::coop_budget(state, &scope, budget_raw).await?;
    if budget.is_none() {
        e.add("budget_id", tr!(funds.choose_coop_budget));
    }
    let period = Period::parse(period_raw);
    if period.is_none() {
        e.add("period", tr!(funds.period_format));
    }
    let (Some(budget), Some(period)) = (budget, period) else {
        return Err(AppError::Invalid(e));
    };
    let (start, end) = span(period);
    let mut won: BTreeMap<i64, i64> = BTreeMap::new();
    for r in in_tenant::<partner_revenue::Entity>(actor.tenant_id)
        .filter(partner_revenue::Column::Source.eq(RevenueSource::WonDeal))
        .filter(partner_revenue::Column::Currency.eq(budget.currency.as_str()))
        .filter(partner_revenue::Column::PeriodStart.gte(start))
        .filter(partner_revenue::Column::PeriodStart.lt(end))
        .all(&state.db)
        .await?
    {
        *won.entry(r.partner_id).or_default() += r.amount_minor;
    }
    let period_text = period.to_string();
    let recorded: HashSet<i64> = in_tenant::<fund_revenue::Entity>(actor.tenant_id)
        .filter(fund_revenue::Column::BudgetId.eq(budget.id))
        .filter(fund_revenue::Column::Period.eq(period_text.as_str()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|f| f.partner_id)
        .collect();
    let skipped = won.keys().filter(|p| recorded.contains(p)).count();
    let partners = scope
        .partners()
        .filter(organization::Column::Id.is_in(won.keys().copied().collect::<Vec<_>>()))
        .all(&state.db)
        .await?;
    let rows: Vec<Row> = partners
        .into_iter()
        .filter(|p| !recorded.contains(&p.id))
        .filter_map(|partner| {
            let revenue = *won.get(&partner.id)?;
            Some(Row {
                partner,
                period: period_text.clone(),
                revenue,
                source: RevenueSource::WonDeal,
            })
        })
        .collect();
    if rows.is_empty() {
        e.add("period", tr!(funds.no_won_deals));
        return Err(AppError::Invalid(e));
    }
    let partners = coop::record_all(state, actor, &budget, rows).await?;
    Ok(Accrued { partners, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_spans_its_month_or_quarter() {
        let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        assert_eq!(
            span(Period::Month {
                year: 2026,
                month: 12
            }),
            (day(2026, 12), day(2027, 1))
        );
        assert_eq!(
            span(Period::Quarter {
                year: 2027,
                quarter: 2
            }),
            (day(2027, 4), day(2027, 7))
        );
    }
}
