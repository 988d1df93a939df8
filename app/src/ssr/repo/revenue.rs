//! The partner revenue ledger and the program's exchange rates.

use crate::ssr::entities::{exchange_rate, partner_revenue, revenue_total};
use crate::ssr::scope::in_tenant;
use crate::types::revenue::{Period, Rate, RevenueSource};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter,
    QueryOrder, QuerySelect,
};

/// A reported (not deal) figure to record.
pub struct Reported<'a> {
    pub tenant_id: i64,
    pub partner_id: i64,
    pub period: Period,
    pub currency: &'a str,
    pub amount_minor: i64,
    pub source: RevenueSource,
    pub created_by: i64,
    pub at: DateTime<Utc>,
}

/// What recording a reported figure found.
#[derive(Debug, PartialEq, Eq)]
pub enum Recorded {
    /// A new figure, with its id.
    New(i64),
    /// The same figure was recorded before (a file imported twice): its id.
    Again(i64),
    /// Another amount is recorded for the partner, period and currency.
    Differs { amount_minor: i64 },
}

/// A won deal's revenue, counted in the month it closed.
pub struct WonDeal<'a> {
    pub tenant_id: i64,
    pub partner_id: i64,
    pub deal_id: i64,
    pub closed_on: NaiveDate,
    pub currency: &'a str,
    pub amount_minor: i64,
    pub created_by: i64,
    pub at: DateTime<Utc>,
}

/// Records a won deal's revenue once: the ledger is unique on the deal, so
/// a deal reported won twice still counts once. False when it was there.
pub async fn record_won_deal(db: &impl ConnectionTrait, won: WonDeal<'_>) -> Result<bool, DbErr> {
    use partner_revenue::Column as R;
    let counted = in_tenant::<partner_revenue::Entity>(won.tenant_id)
        .filter(R::DealId.eq(won.deal_id))
        .one(db)
        .await?;
    if counted.is_some() {
        return Ok(false);
    }
    let period = Period::Month {
        year: chrono::Datelike::year(&won.closed_on),
        month: chrono::Datelike::month(&won.closed_on),
    };
    let row = partner_revenue::ActiveModel {
        tenant_id: Set(won.tenant_id),
        partner_id: Set(won.partner_id),
        period: Set(period.to_string()),
        period_start: Set(first_day(period)),
        source: Set(RevenueSource::WonDeal),
        deal_id: Set(Some(won.deal_id)),
        currency: Set(won.currency.to_owned()),
        amount_minor: Set(won.amount_minor),
        created_by: Set(won.created_by),
        created_at: Set(won.at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    add_to_total(db, &row).await?;
    Ok(true)
}

/// The first day of a period, for its exchange rate.
pub fn first_day(period: Period) -> NaiveDate {
    let (year, month) = period.first_month();
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

/// Records a partner's reported revenue for a period, once: the same figure
/// again is found, not added; a different one is refused to the caller.
pub async fn record_reported(
    db: &impl ConnectionTrait,
    figure: Reported<'_>,
) -> Result<Recorded, DbErr> {
    use partner_revenue::Column as R;
    let period = figure.period.to_string();
    let existing = in_tenant::<partner_revenue::Entity>(figure.tenant_id)
        .filter(R::PartnerId.eq(figure.partner_id))
        .filter(R::Period.eq(period.as_str()))
        .filter(R::Currency.eq(figure.currency))
        .filter(R::DealId.is_null())
        .one(db)
        .await?;
    if let Some(found) = existing {
        return Ok(if found.amount_minor == figure.amount_minor {
            Recorded::Again(found.id)
        } else {
            Recorded::Differs {
                amount_minor: found.amount_minor,
            }
        });
    }
    let row = partner_revenue::ActiveModel {
        tenant_id: Set(figure.tenant_id),
        partner_id: Set(figure.partner_id),
        period: Set(period),
        period_start: Set(first_day(figure.period)),
        source: Set(figure.source),
        deal_id: Set(None),
        currency: Set(figure.currency.to_owned()),
        amount_minor: Set(figure.amount_minor),
        created_by: Set(figure.created_by),
        created_at: Set(figure.at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    add_to_total(db, &row).await?;
    Ok(Recorded::New(row.id))
}

/// Adds a new figure to its period's sum in its currency.
async fn add_to_total(
    db: &impl ConnectionTrait,
    row: &partner_revenue::Model,
) -> Result<(), DbErr> {
    super::execute(
        db,
        "INSERT INTO revenue_totals (tenant_id, period, period_start, currency, figures, amount_minor) \
         VALUES ($1, $2, $3, $4, 1, $5) \
         ON CONFLICT (tenant_id, period, currency) DO UPDATE SET \
           figures = revenue_totals.figures + 1, \
           amount_minor = revenue_totals.amount_minor + excluded.amount_minor",
        vec![
            row.tenant_id.into(),
            row.period.clone().into(),
            row.period_start.into(),
            row.currency.clone().into(),
            row.amount_minor.into(),
        ],
    )
    .await
}

/// The sums of the latest `periods` periods, newest first, by currency.
pub async fn latest_totals(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    periods: u64,
) -> Result<Vec<revenue_total::Model>, DbErr> {
    use revenue_total::Column as T;
    let starts: Vec<NaiveDate> = in_tenant::<revenue_total::Entity>(tenant_id)
        .select_only()
        .column(T::PeriodStart)
        .distinct()
        .order_by_desc(T::PeriodStart)
        .limit(periods)
        .into_tuple()
        .all(db)
        .await?;
    if starts.is_empty() {
        return Ok(Vec::new());
    }
    in_tenant::<revenue_total::Entity>(tenant_id)
        .filter(T::PeriodStart.is_in(starts))
        .order_by_desc(T::PeriodStart)
        .order_by_asc(T::Period)
        .order_by_asc(T::Currency)
        .all(db)
        .await
}

/// The program's exchange rates, by currency, newest first within each.
pub async fn rates(
    db: &impl ConnectionTrait,
    tenant_id: i64,
) -> Result<Vec<exchange_rate::Model>, DbErr> {
    in_tenant::<exchange_rate::Entity>(tenant_id)
        .order_by_asc(exchange_rate::Column::Currency)
        .order_by_desc(exchange_rate::Column::ValidFrom)
        .all(db)
        .await
}

/// Sets the rate of `currency` from `valid_from` (replacing one set for
/// that day). Returns the rate it replaced, if any.
pub async fn set_rate(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    currency: &str,
    valid_from: NaiveDate,
    rate: Rate,
    created_by: i64,
    at: DateTime<Utc>,
) -> Result<Option<Rate>, DbErr> {
    use exchange_rate::Column as X;
    let existing = in_tenant::<exchange_rate::Entity>(tenant_id)
        .filter(X::Currency.eq(currency))
        .filter(X::ValidFrom.eq(valid_from))
        .one(db)
        .await?;
    if let Some(found) = existing {
        let before = Rate(found.rate_e9);
        let mut row: exchange_rate::ActiveModel = found.into();
        row.rate_e9 = Set(rate.0);
        row.created_by = Set(created_by);
        row.created_at = Set(at);
        row.update(db).await?;
        return Ok(Some(before));
    }
    exchange_rate::ActiveModel {
        tenant_id: Set(tenant_id),
        currency: Set(currency.to_owned()),
        valid_from: Set(valid_from),
        rate_e9: Set(rate.0),
        created_by: Set(created_by),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(None)
}

/// The newest figures of the program, newest period first, up to `limit`.
pub async fn latest(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    limit: u64,
) -> Result<Vec<partner_revenue::Model>, DbErr> {
    use partner_revenue::Column as R;
    in_tenant::<partner_revenue::Entity>(tenant_id)
        .order_by_desc(R::PeriodStart)
        .order_by_desc(R::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The rate that converts figures of a period starting on `day`: the
/// newest one set on or before it. `rates` is as [`rates`] returns them.
pub fn rate_on(rates: &[exchange_rate::Model], currency: &str, day: NaiveDate) -> Option<Rate> {
    rates
        .iter()
        .filter(|r| r.currency == currency && r.valid_from <= day)
        .max_by_key(|r| r.valid_from)
        .map(|r| Rate(r.rate_e9))
}
