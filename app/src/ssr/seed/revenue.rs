//! The demo program's revenue ledger: figures in dollars, euros and pounds
//! over two quarters, and the dated rates that total them in dollars (one
//! quarter of pounds left without a rate, as a program would find it).

use crate::ssr::repo::revenue::{record_reported, set_rate, Reported};
use crate::types::revenue::{Period, Rate, RevenueSource};
use chrono::{NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;

/// (partner, period, currency, amount in minor units, source)
const FIGURES: &[(&str, &str, &str, i64, RevenueSource)] = &[
    (
        "Northwind Systems",
        "2026-Q3",
        "USD",
        118_000_000,
        RevenueSource::Entered,
    ),
    (
        "Northwind Systems",
        "2026-Q4",
        "USD",
        125_000_000,
        RevenueSource::Entered,
    ),
    (
        "Harbor IT Services",
        "2026-Q4",
        "USD",
        38_250_000,
        RevenueSource::Imported,
    ),
    (
        "Bluepeak Distribution",
        "2026-Q4",
        "USD",
        412_500_000,
        RevenueSource::Imported,
    ),
    (
        "Eurolink Distribution",
        "2026-Q4",
        "EUR",
        286_400_000,
        RevenueSource::Imported,
    ),
    (
        "Nordlicht Netzwerke",
        "2026-Q3",
        "EUR",
        39_800_000,
        RevenueSource::Imported,
    ),
    (
        "Nordlicht Netzwerke",
        "2026-Q4",
        "EUR",
        42_000_000,
        RevenueSource::Imported,
    ),
    (
        "Alpenblick IT",
        "2026-Q4",
        "EUR",
        6_150_000,
        RevenueSource::Entered,
    ),
    (
        "Tamesis Cloud",
        "2026-Q3",
        "GBP",
        17_500_000,
        RevenueSource::Entered,
    ),
    (
        "Tamesis Cloud",
        "2026-Q4",
        "GBP",
        18_000_000,
        RevenueSource::Entered,
    ),
];

/// (currency, valid from, dollars per unit)
const RATES: &[(&str, (i32, u32, u32), &str)] = &[
    ("EUR", (2026, 7, 1), "1.0845"),
    ("EUR", (2026, 10, 1), "1.0790"),
    ("GBP", (2026, 10, 1), "1.2705"),
];

pub async fn seed(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    partners: &HashMap<&str, i64>,
    created_by: i64,
) -> Result<(), DbErr> {
    let at = Utc::now();
    for (partner, period, currency, amount_minor, source) in FIGURES {
        let (Some(&partner_id), Some(period)) = (partners.get(partner), Period::parse(period))
        else {
            continue;
        };
        record_reported(
            db,
            Reported {
                tenant_id,
                partner_id,
                period,
                currency,
                amount_minor: *amount_minor,
                source: *source,
                created_by,
                at,
            },
        )
        .await?;
    }
    for (currency, (y, m, d), rate) in RATES {
        let (Some(day), Some(rate)) = (NaiveDate::from_ymd_opt(*y, *m, *d), Rate::parse(rate))
        else {
            continue;
        };
        set_rate(db, tenant_id, currency, day, rate, created_by, at).await?;
    }
    Ok(())
}
