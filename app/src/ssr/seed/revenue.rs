//! The demo program's revenue ledger: figures in dollars, euros and pounds
//! for last quarter and this one (counted from today, so the demo never
//! looks stale), and the dated rates that total them in dollars (last
//! quarter's pounds left without a rate, as a program would find it).

use crate::ssr::repo::revenue::{first_day, record_reported, set_rate, Reported};
use crate::types::revenue::{Period, Rate, RevenueSource};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;

/// Which quarter a figure or rate belongs to, counted from today.
#[derive(Clone, Copy)]
enum Quarter {
    Last,
    This,
}

/// (partner, quarter, currency, amount in minor units, source)
const FIGURES: &[(&str, Quarter, &str, i64, RevenueSource)] = &[
    (
        "Northwind Systems",
        Quarter::Last,
        "USD",
        118_000_000,
        RevenueSource::Entered,
    ),
    (
        "Northwind Systems",
        Quarter::This,
        "USD",
        125_000_000,
        RevenueSource::Entered,
    ),
    (
        "Harbor IT Services",
        Quarter::This,
        "USD",
        38_250_000,
        RevenueSource::Imported,
    ),
    (
        "Bluepeak Distribution",
        Quarter::This,
        "USD",
        412_500_000,
        RevenueSource::Imported,
    ),
    (
        "Eurolink Distribution",
        Quarter::This,
        "EUR",
        286_400_000,
        RevenueSource::Imported,
    ),
    (
        "Nordlicht Netzwerke",
        Quarter::Last,
        "EUR",
        39_800_000,
        RevenueSource::Imported,
    ),
    (
        "Nordlicht Netzwerke",
        Quarter::This,
        "EUR",
        42_000_000,
        RevenueSource::Imported,
    ),
    (
        "Alpenblick IT",
        Quarter::This,
        "EUR",
        6_150_000,
        RevenueSource::Entered,
    ),
    (
        "Tamesis Cloud",
        Quarter::Last,
        "GBP",
        17_500_000,
        RevenueSource::Entered,
    ),
    (
        "Tamesis Cloud",
        Quarter::This,
        "GBP",
        18_000_000,
        RevenueSource::Entered,
    ),
];

/// (currency, from the first day of, dollars per unit)
const RATES: &[(&str, Quarter, &str)] = &[
    ("EUR", Quarter::Last, "1.0845"),
    ("EUR", Quarter::This, "1.0790"),
    ("GBP", Quarter::This, "1.2705"),
];

/// Last quarter and this one, as of `today`.
pub fn quarters(today: chrono::NaiveDate) -> (Period, Period) {
    let this = Period::quarter_of(today);
    (this.previous_quarter(), this)
}

pub async fn seed(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    partners: &HashMap<&str, i64>,
    created_by: i64,
) -> Result<(), DbErr> {
    let at = Utc::now();
    let (last, this) = quarters(at.date_naive());
    let period = |q: Quarter| match q {
        Quarter::Last => last,
        Quarter::This => this,
    };
    for (partner, quarter, currency, amount_minor, source) in FIGURES {
        let Some(&partner_id) = partners.get(partner) else {
            continue;
        };
        record_reported(
            db,
            Reported {
                tenant_id,
                partner_id,
                period: period(*quarter),
                currency,
                amount_minor: *amount_minor,
                source: *source,
                created_by,
                at,
            },
        )
        .await?;
    }
    for (currency, quarter, rate) in RATES {
        let Some(rate) = Rate::parse(rate) else {
            continue;
        };
        let day = first_day(period(*quarter));
        set_rate(db, tenant_id, currency, day, rate, created_by, at).await?;
    }
    Ok(())
}
