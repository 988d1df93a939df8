//! Co-op funds: partners earn a share of the revenue they report. Each
//! revenue figure (entered, or imported as CSV) accrues `percent` of it into
//! the partner's allocation of the co-op budget, through the ledger.

use super::{commit_audited, money, Audited};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{fund_allocation, fund_budget, fund_revenue, organization};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, db_error, funds, is_unique_violation, organizations, revenue};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::funds::{BudgetKind, LedgerKind};
use crate::types::money::parse_amount;
use crate::types::revenue::{Period, RevenueSource};
use crate::types::FormErrors;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter,
};

pub const MAX_IMPORT_ROWS: usize = 5000;

/// `2027-01` (a month) or `2027-Q1` (a quarter), as stored.
pub fn valid_period(raw: &str) -> Option<String> {
    Period::parse(raw).map(|p| p.to_string())
}

/// What `revenue` accrues at `basis_points` (1/100 of a percent), rounded down.
pub fn accrual(revenue_minor: i64, basis_points: i32) -> i64 {
    (i128::from(revenue_minor) * i128::from(basis_points) / 10_000) as i64
}

pub(super) async fn coop_budget(
    state: &AppState,
    scope: &Scope<'_>,
    raw: &str,
) -> AppResult<Option<fund_budget::Model>> {
    let Ok(id) = raw.parse::<i64>() else {
        return Ok(None);
    };
    Ok(scope
        .fund_budgets()
        .filter(fund_budget::Column::Id.eq(id))
        .filter(fund_budget::Column::Kind.eq(BudgetKind::Coop))
        .one(&state.db)
        .await?)
}

pub(super) struct Row {
    pub partner: organization::Model,
    pub period: String,
    pub revenue: i64,
    /// `WonDeal`: the won registrations already in the revenue ledger, one
    /// row each; nothing more is written there.
    pub source: RevenueSource,
}

/// Records validated rows in one transaction: all or nothing.
pub(super) async fn record_all(
    state: &AppState,
    actor: &Actor,
    budget: &fund_budget::Model,
    rows: Vec<Row>,
) -> AppResult<usize> {
    let bp = budget.coop_percent_bp.unwrap_or(0);
    let now = crate::ssr::services::now();
    let total: i64 = rows.iter().map(|r| accrual(r.revenue, bp)).sum();
    let txn = begin_write(&state.db).await?;
    if total > 0 && !funds::take_from_budget(&txn, actor.tenant_id, budget.id, total).await? {
        return Err(AppError::invalid(
            "revenue",
            tr!(
                funds.accrual_exceeds,
                total = money(total, &budget.currency),
                left = money(budget.unallocated_minor, &budget.currency)
            )
            .to_string(),
        ));
    }
    let count = rows.len();
    for row in rows {
        let accrued = accrual(row.revenue, bp);
        insert_revenue(&txn, actor, budget, &row, accrued, now).await?;
        let allocation = allocation_for(&txn, actor, budget, &row.partner, now).await?;
        if accrued > 0 {
            credit_accrual(&txn, actor, budget, allocation, &row, accrued, now).await?;
        }
    }
    let detail = format!(
        "Co-op revenue recorded: {count} figure(s), {} accrued",
        money(total, &budget.currency)
    );
    commit_audited(
        txn,
        actor,
        Audited::Budget(budget.id),
        "coop_accrued",
        &detail,
        now,
    )
    .await?;
    Ok(count)
}

/// One revenue figure; a figure already recorded for the partner and period
/// is refused by name.
async fn insert_revenue(
    txn: &DatabaseTransaction,
    actor: &Actor,
    budget: &fund_budget::Model,
    row: &Row,
    accrued: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let revenue_id = match row.source {
        RevenueSource::WonDeal => None,
        _ => Some(ledger_figure(txn, actor, budget, row, now).await?),
    };
    let inserted = fund_revenue::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        budget_id: Set(budget.id),
        partner_id: Set(row.partner.id),
        period: Set(row.period.clone()),
        revenue_minor: Set(row.revenue),
        accrued_minor: Set(accrued),
        revenue_id: Set(revenue_id),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        Err(err) if is_unique_violation(&err) => Err(AppError::invalid(
            "revenue",
            tr!(
                funds.revenue_exists,
                partner = &row.partner.name,
                period = &row.period
            )
            .to_string(),
        )),
        Err(err) => Err(db_error(err)),
    }
}

/// The partner's figure in the revenue ledger, in the budget's currency:
/// recorded now, or found when the same figure was recorded before (for
/// another co-op budget). A different figure for the period is refused.
async fn ledger_figure(
    txn: &DatabaseTransaction,
    actor: &Actor,
    budget: &fund_budget::Model,
    row: &Row,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let period = Period::parse(&row.period)
        .ok_or_else(|| AppError::invalid("period", tr!(funds.period_format).to_string()))?;
    let recorded = revenue::record_reported(
        txn,
        revenue::Reported {
            tenant_id: actor.tenant_id,
            partner_id: row.partner.id,
            period,
            currency: &budget.currency,
            amount_minor: row.revenue,
            source: row.source,
            created_by: actor.user_id,
            at: now,
        },
    )
    .await?;
    match recorded {
        revenue::Recorded::New(id) | revenue::Recorded::Again(id) => Ok(id),
        revenue::Recorded::Differs { amount_minor } => Err(AppError::invalid(
            "revenue",
            tr!(
                funds.revenue_differs,
                partner = &row.partner.name,
                period = &row.period,
                amount = money(amount_minor, &budget.currency)
            )
            .to_string(),
        )),
    }
}

/// Adds the accrual to the partner's allocation, with its ledger credit.
async fn credit_accrual(
    txn: &DatabaseTransaction,
    actor: &Actor,
    budget: &fund_budget::Model,
    allocation: i64,
    row: &Row,
    accrued: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    fund_allocation::Entity::update_many()
        .col_expr(
            fund_allocation::Column::AmountMinor,
            Expr::col(fund_allocation::Column::AmountMinor).add(accrued),
        )
        .col_expr(
            fund_allocation::Column::AvailableMinor,
            Expr::col(fund_allocation::Column::AvailableMinor).add(accrued),
        )
        .filter(tenant_is::<fund_allocation::Entity>(actor.tenant_id))
        .filter(fund_allocation::Column::Id.eq(allocation))
        .exec(txn)
        .await?;
    let why = format!(
        "Co-op accrual on {} revenue of {}",
        row.period,
        money(row.revenue, &budget.currency)
    );
    funds::append(
        txn,
        funds::Entry {
            tenant_id: actor.tenant_id,
            budget_id: budget.id,
            allocation_id: Some(allocation),
            request_id: None,
            kind: LedgerKind::Credit,
            amount_minor: accrued,
            currency: &budget.currency,
            actor_id: actor.user_id,
            reason: &why,
            at: now,
        },
    )
    .await?;
    Ok(())
}

/// The partner's co-op allocation in this budget, created on first accrual.
async fn allocation_for(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    budget: &fund_budget::Model,
    partner: &organization::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<i64> {
    let key = format!("coop-{}-{}", budget.id, partner.id);
    if let Some(a) = in_tenant::<fund_allocation::Entity>(actor.tenant_id)
        .filter(fund_allocation::Column::IdempotencyKey.eq(key.as_str()))
        .one(txn)
        .await?
    {
        return Ok(a.id);
    }
    let a = fund_allocation::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        budget_id: Set(budget.id),
        partner_id: Set(Some(partner.id)),
        tier: Set(None),
        amount_minor: Set(0),
        available_minor: Set(0),
        idempotency_key: Set(key),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(a.id)
}

/// One revenue figure typed into the form.
pub async fn record(
    state: &AppState,
    actor: &Actor,
    budget_raw: &str,
    partner_raw: &str,
    period_raw: &str,
    revenue_raw: &str,
) -> AppResult<()> {
    actor.require(Permission::ManageBudgets)?;
    let scope = Scope::new(actor);
    let mut e = FormErrors::new().with_values(&[
        ("budget_id", budget_raw),
        ("partner_id", partner_raw),
        ("period", period_raw),
        ("revenue", revenue_raw),
    ]);
    let budget = coop_budget(state, &scope, budget_raw).await?;
    if budget.is_none() {
        e.add("budget_id", tr!(funds.choose_coop_budget));
    }
    // An id from the picker, or a typed name where the program is too large
    // to list every partner.
    let partner = organizations::partner_by_id_or_name(&state.db, &scope, partner_raw).await?;
    if partner.is_none() {
        e.add(
            "partner_id",
            super::partner_problem(partner_raw, tr!(funds.choose_partner)),
        );
    }
    let period = valid_period(period_raw);
    if period.is_none() {
        e.add("period", tr!(funds.period_format));
    }
    let revenue = match &budget {
        Some(b) => parse_amount(revenue_raw, &b.currency).unwrap_or_else(|m| {
            e.add("revenue", m);
            0
        }),
        None => 0,
    };
    let (Some(budget), Some(partner), Some(period)) = (budget, partner, period) else {
        return Err(AppError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    record_all(
        state,
        actor,
        &budget,
        vec![Row {
            partner,
            period,
            revenue,
            source: RevenueSource::Entered,
        }],
    )
    .await
    .map_err(|err| match err {
        AppError::Invalid(mut inner) => {
            inner.values = e.values.clone();
            AppError::Invalid(inner)
        }
        other => other,
    })?;
    Ok(())
}

/// Why a revenue file cannot be imported.
#[derive(Debug)]
enum Unreadable {
    /// The first line does not name the columns.
    Header,
    /// Every problem, by row number.
    Rows(Vec<String>),
}

/// Checks every row of a revenue file against the program's partners and the
/// revenue already recorded; nothing touches the database, so hostile files
/// can be thrown at it in tests.
fn parse_rows(
    csv_text: &str,
    currency: &str,
    partners: &[organization::Model],
    recorded: &[(i64, String)],
) -> Result<Vec<Row>, Unreadable> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(_) => Vec::new(),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(partner), Some(period), Some(revenue)) =
        (col("partner"), col("period"), col("revenue"))
    else {
        return Err(Unreadable::Header);
    };
    let check = RowCheck {
        columns: [partner, period, revenue],
        currency,
        partners,
        recorded,
    };
    let mut problems: Vec<String> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if i >= MAX_IMPORT_ROWS {
            problems.push(tr!(funds.csv_too_many, max = MAX_IMPORT_ROWS).to_string());
            break;
        }
        let Ok(record) = record else {
            problems.push(tr!(funds.csv_unreadable, line).to_string());
            continue;
        };
        match check.row(&record, &rows) {
            Ok(row) => rows.push(row),
            Err(found) => {
                let problems_here = found.join("; ");
                problems.push(tr!(funds.csv_row, line, problems = problems_here).to_string())
            }
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(tr!(funds.csv_no_rows).into());
    }
    if !problems.is_empty() {
        return Err(Unreadable::Rows(problems));
    }
    Ok(rows)
}

/// What a revenue row is checked against.
struct RowCheck<'a> {
    /// Positions of the partner, period and revenue columns.
    columns: [usize; 3],
    currency: &'a str,
    partners: &'a [organization::Model],
    recorded: &'a [(i64, String)],
}

impl RowCheck<'_> {
    /// The row, or every problem with it; `earlier` are the file's rows above.
    fn row(&self, record: &csv::StringRecord, earlier: &[Row]) -> Result<Row, Vec<String>> {
        let field = |c: usize| record.get(self.columns[c]).unwrap_or("").to_owned();
        let name = field(0);
        let partner = self
            .partners
            .iter()
            .find(|p| {
                p.name.eq_ignore_ascii_case(&name) || name.parse::<i64>().is_ok_and(|id| id == p.id)
            })
            .cloned();
        let period = valid_period(&field(1));
        let revenue = parse_amount(&field(2), self.currency);
        let mut problems = Vec::new();
        if partner.is_none() {
            problems.push(format!("no partner named \"{name}\""));
        }
        if period.is_none() {
            problems.push(format!(
                "period \"{}\" should look like 2027-01 or 2027-Q1",
                field(1)
            ));
        }
        if let Err(m) = &revenue {
            problems.push(format!(
                "revenue \"{}\": {}",
                field(2),
                m.trim_end_matches('.')
            ));
        }
        if let (Some(p), Some(per)) = (&partner, &period) {
            if self.recorded.iter().any(|(id, r)| *id == p.id && r == per) {
                problems.push(format!("{} already has revenue for {per}", p.name));
            } else if earlier
                .iter()
                .any(|r| r.partner.id == p.id && &r.period == per)
            {
                problems.push(format!("{} for {per} appears twice in this file", p.name));
            }
        }
        match (partner, period, revenue) {
            (Some(partner), Some(period), Ok(revenue)) if problems.is_empty() => Ok(Row {
                partner,
                period,
                revenue,
                source: RevenueSource::Imported,
            }),
            _ => Err(problems),
        }
    }
}

/// A CSV with the columns `partner,period,revenue` (partner by name or id).
/// Every row is checked first; one bad row saves nothing and every problem
/// is reported with its row number.
pub async fn import(
    state: &AppState,
    actor: &Actor,
    budget_raw: &str,
    csv_text: &str,
) -> AppResult<usize> {
    actor.require(Permission::ManageBudgets)?;
    let scope = Scope::new(actor);
    let keep = |e: FormErrors| e.with_values(&[("budget_id", budget_raw), ("csv", csv_text)]);
    let Some(budget) = coop_budget(state, &scope, budget_raw).await? else {
        let mut e = keep(FormErrors::new());
        e.add("budget_id", tr!(funds.choose_coop_budget));
        return Err(AppError::Invalid(e));
    };
    let partners = scope.partners().all(&state.db).await?;
    let recorded: Vec<(i64, String)> = in_tenant::<fund_revenue::Entity>(actor.tenant_id)
        .filter(fund_revenue::Column::BudgetId.eq(budget.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.partner_id, r.period))
        .collect();

    let rows = match parse_rows(csv_text, &budget.currency, &partners, &recorded) {
        Ok(rows) => rows,
        Err(Unreadable::Header) => {
            let mut e = keep(FormErrors::new());
            e.add("csv", tr!(funds.csv_header));
            return Err(AppError::Invalid(e));
        }
        Err(Unreadable::Rows(problems)) => {
            let mut e = keep(FormErrors::new());
            e.add(
                "csv",
                tr!(funds.nothing_imported, problems = problems.join(" ")).to_string(),
            );
            return Err(AppError::Invalid(e));
        }
    };
    record_all(state, actor, &budget, rows)
        .await
        .map_err(|err| match err {
            AppError::Invalid(inner) => {
                let mut e = keep(FormErrors::new());
                e.add(
                    "csv",
                    tr!(
                        funds.nothing_imported,
                        problems = inner
                            .fields
                            .first()
                            .map(|f| f.1.clone())
                            .unwrap_or_default()
                    )
                    .to_string(),
                );
                AppError::Invalid(e)
            }
            other => other,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_accruals() {
        assert_eq!(valid_period("2027-01").as_deref(), Some("2027-01"));
        assert_eq!(valid_period("2027-q3").as_deref(), Some("2027-Q3"));
        for bad in ["2027-13", "27-01", "2027-Q5", "2027", "january"] {
            assert_eq!(valid_period(bad), None, "{bad}");
        }
        assert_eq!(
            accrual(1_000_000, 250),
            25_000,
            "2.5% of 10,000.00 is 250.00"
        );
        assert_eq!(accrual(999, 250), 24, "rounded down to the cent");
        assert_eq!(accrual(i64::MAX / 2, 10_000), i64::MAX / 2, "no overflow");
    }

    fn partner(id: i64, name: &str) -> organization::Model {
        let now = chrono::Utc::now();
        organization::Model {
            id,
            tenant_id: 1,
            kind: crate::types::OrgKind::Partner,
            name: name.into(),
            partner_type: None,
            tier: None,
            region: None,
            segment: None,
            parent_id: None,
            channel_manager_id: None,
            website: String::new(),
            phone: String::new(),
            email: String::new(),
            address: String::new(),
            city: String::new(),
            country: String::new(),
            brand_color: String::new(),
            logo_key: None,
            description: String::new(),
            latitude_e6: None,
            longitude_e6: None,
            service_radius_km: None,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn reads_a_clean_file_and_names_every_bad_row() {
        let partners = [partner(7, "Northwind Systems"), partner(9, "Bluepeak")];
        let recorded = [(9, "2027-Q1".to_owned())];
        let ok = parse_rows(
            "Partner , Period,Revenue\nnorthwind systems,2027-q1,\"1,250.50\"\n9,2027-02,10",
            "USD",
            &partners,
            &recorded,
        )
        .expect("clean file");
        assert_eq!(ok.len(), 2);
        assert_eq!(
            (ok[0].partner.id, ok[0].period.as_str(), ok[0].revenue),
            (7, "2027-Q1", 125_050)
        );
        let Err(Unreadable::Rows(problems)) = parse_rows(
            "partner,period,revenue\nNobody,2027-13,abc\nBluepeak,2027-Q1,5\n7,2027-01,1\n7,2027-01,2",
            "USD",
            &partners,
            &recorded,
        ) else {
            panic!("bad rows accepted");
        };
        let all = problems.join(" ");
        for expected in [
            "Row 2: no partner named \"Nobody\"",
            "2027-13",
            "Row 3: Bluepeak already has revenue for 2027-Q1",
            "Row 5: Northwind Systems for 2027-01 appears twice",
        ] {
            assert!(all.contains(expected), "{expected}: {all}");
        }
        assert!(matches!(
            parse_rows("name,amount\nx,1", "USD", &partners, &recorded),
            Err(Unreadable::Header)
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Whatever the file holds: no panic, and what would be recorded is
        /// a known partner, a valid period and an amount, at most once per
        /// partner and period and never over revenue already recorded.
        #[test]
        fn hostile_revenue_files_never_panic_or_slip_through(
            lines in proptest::collection::vec(
                "(Northwind Systems|northwind systems|Bluepeak|7|9|x|\"[^\"]{0,8}\")?,(2027-0[1-9]|2027-Q[1-5]|20x7-1|)?,(-?[0-9]{0,7}(\\.[0-9]{0,3})?|[,.]{1,3}|[a-z]{0,3})?[,\"\r\n\t\u{0}\u{feff}]{0,2}",
                0..12,
            ),
            header in proptest::sample::select(vec!["partner,period,revenue", "PARTNER ,period, revenue", "period,revenue,partner", "partner;period;revenue", ""]),
        ) {
            let partners = [partner(7, "Northwind Systems"), partner(9, "Bluepeak")];
            let recorded = [(9, "2027-Q1".to_owned())];
            let file = format!("{header}\n{}", lines.join("\n"));
            if let Ok(rows) = parse_rows(&file, "USD", &partners, &recorded) {
                proptest::prop_assert!(!rows.is_empty());
                let mut seen = std::collections::HashSet::new();
                for r in &rows {
                    proptest::prop_assert!(partners.iter().any(|p| p.id == r.partner.id));
                    proptest::prop_assert_eq!(valid_period(&r.period), Some(r.period.clone()));
                    proptest::prop_assert!(!recorded.contains(&(r.partner.id, r.period.clone())));
                    proptest::prop_assert!(seen.insert((r.partner.id, r.period.clone())), "recorded twice");
                }
            }
        }
    }
}
