//! The partner revenue ledger: co-op revenue lands in it once, whatever
//! budget it is recorded for; exchange rates are dated, and a period's
//! total in the program's currency follows one rule, so it is exact and the
//! same on every reading.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{fund_revenue, partner_revenue};
use app::types::money::Money;
use app::types::revenue::{RevenuePage, RevenueSource};
use app::types::Role;
use axum::http::StatusCode;
use chrono::{Months, NaiveDate, Utc};
use common::{TestApp, HOST_A};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// A co-op budget of 100,000 at 2.5%, in `currency`; its id.
async fn coop_budget(app: &TestApp, admin: &str, name: &str, currency: &str) -> String {
    // A form key as the page issues one: unique per form.
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let key = format!(
        "revenue-form-key-{:08}-{}",
        N.fetch_add(1, std::sync::atomic::Ordering::SeqCst),
        std::process::id()
    );
    let res = app
        .call(
            HOST_A,
            "create_budget",
            Some(admin),
            &[
                ("key", key.as_str()),
                ("name", name),
                ("kind", "coop"),
                ("currency", currency),
                ("total", "100000"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-12-31"),
                ("coop_percent", "2.5"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    use app::ssr::entities::fund_budget;
    fund_budget::Entity::find()
        .filter(fund_budget::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

async fn record(
    app: &TestApp,
    admin: &str,
    budget: &str,
    partner: &str,
    period: &str,
    revenue: &str,
) -> common::Resp {
    let partner = app.org_id(partner).await.to_string();
    app.call(
        HOST_A,
        "record_revenue",
        Some(admin),
        &[
            ("budget_id", budget),
            ("partner_id", partner.as_str()),
            ("period", period),
            ("revenue", revenue),
        ],
    )
    .await
}

async fn page(app: &TestApp, cookie: &str) -> RevenuePage {
    let res = app
        .call(HOST_A, "get_revenue_page", Some(cookie), &[])
        .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    res.view()
}

async fn set_rate(
    app: &TestApp,
    cookie: &str,
    currency: &str,
    from: &str,
    rate: &str,
) -> common::Resp {
    app.call(
        HOST_A,
        "set_exchange_rate",
        Some(cookie),
        &[("currency", currency), ("valid_from", from), ("rate", rate)],
    )
    .await
}

/// The program-currency total of `period` in `currency`, as the page shows it.
fn total(page: &RevenuePage, period: &str, currency: &str) -> Option<Option<Money>> {
    page.totals
        .iter()
        .find(|t| t.period == period && t.amount.currency == currency)
        .map(|t| t.in_program.clone())
}

async fn coop_revenue_is_counted_once_in_the_ledger(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let first = coop_budget(app, &admin, "Co-op A", "USD").await;
    let second = coop_budget(app, &admin, "Co-op B", "USD").await;
    let ok = record(
        app,
        &admin,
        &first,
        "Northwind Systems",
        "2027-01",
        "40,000",
    )
    .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    // The same figure for another co-op budget accrues there too, but the
    // ledger keeps one figure.
    let ok = record(
        app,
        &admin,
        &second,
        "Northwind Systems",
        "2027-01",
        "40000.00",
    )
    .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    let db = &app.state.db;
    let january =
        || partner_revenue::Entity::find().filter(partner_revenue::Column::Period.eq("2027-01"));
    assert_eq!(january().count(db).await.unwrap(), 1);
    let accruals = fund_revenue::Entity::find().all(db).await.unwrap();
    assert_eq!(accruals.len(), 2);
    let figure = january().one(db).await.unwrap().unwrap();
    assert!(accruals.iter().all(|a| a.revenue_id == Some(figure.id)));
    assert_eq!(
        (
            figure.source,
            figure.amount_minor,
            figure.currency.as_str(),
            figure.period.as_str()
        ),
        (RevenueSource::Entered, 4_000_000, "USD", "2027-01")
    );
    // Another amount for the same period is refused, naming what stands.
    let differs = record(app, &admin, &second, "Harbor IT Services", "2027-Q1", "10").await;
    assert!(differs.status.is_success(), "{}", differs.body);
    let differs = record(app, &admin, &first, "Harbor IT Services", "2027-Q1", "11").await;
    assert_eq!(differs.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        differs.body.contains("already recorded as $10.00"),
        "{}",
        differs.body
    );
    // Imported figures say so.
    let imported = app
        .call(
            HOST_A,
            "import_revenue",
            Some(&admin),
            &[
                ("budget_id", first.as_str()),
                (
                    "csv",
                    "partner,period,revenue\nCobalt Integration Group,2027-02,500\n",
                ),
            ],
        )
        .await;
    assert!(imported.status.is_success(), "{}", imported.body);
    let listed = page(app, &admin).await;
    assert_eq!(listed.currency, "USD");
    let sources: Vec<(String, RevenueSource)> = listed
        .figures
        .iter()
        .map(|f| (f.partner_name.clone(), f.source))
        .collect();
    assert!(sources.contains(&("Cobalt Integration Group".into(), RevenueSource::Imported)));
    assert!(sources.contains(&("Northwind Systems".into(), RevenueSource::Entered)));
    // In the program's currency already: its total needs no rate.
    assert_eq!(
        total(&listed, "2027-01", "USD"),
        Some(Some(Money::new(4_000_000, "USD")))
    );
}
both!(
    coop_revenue_is_counted_once_in_the_ledger_test,
    coop_revenue_is_counted_once_in_the_ledger
);

/// The first two months after this quarter, as `YYYY-MM`: the test's own
/// figures come after every rate the demo dates, whatever today is.
fn months_after_this_quarter() -> (String, String) {
    let (_, this) = app::ssr::seed::revenue::quarters(Utc::now().date_naive());
    let (year, month) = this.first_month();
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap() + Months::new(3);
    let second = first + Months::new(1);
    (
        first.format("%Y-%m").to_string(),
        second.format("%Y-%m").to_string(),
    )
}

async fn totals_convert_at_the_rate_of_the_period(app: &TestApp) {
    let (jan, feb) = months_after_this_quarter();
    let (last_quarter, _) = app::ssr::seed::revenue::quarters(Utc::now().date_naive());
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let euros = coop_budget(app, &admin, "Co-op Europe", "EUR").await;
    for (partner, period, amount) in [
        ("Nordlicht Netzwerke", &jan, "10.000,00"),
        ("Tamesis Cloud", &jan, "0,05"),
        ("Nordlicht Netzwerke", &feb, "1000"),
    ] {
        let res = record(app, &admin, &euros, partner, period, amount).await;
        assert!(res.status.is_success(), "{partner} {period}: {}", res.body);
    }
    // The newest rate on or before the period's first day converts it: the
    // demo's 1.0790 from the start of this quarter. Pounds of a quarter
    // before any pound rate are shown, not guessed.
    let before = page(app, &admin).await;
    assert_eq!(
        total(&before, &jan, "EUR"),
        Some(Some(Money::new(1_079_005, "USD")))
    );
    assert_eq!(total(&before, &last_quarter.to_string(), "GBP"), Some(None));

    // Finance sets the rate, typed with a German decimal comma.
    let finance = app.member(Role::Finance).signed_in().await;
    let res = set_rate(app, &finance.cookie, "EUR", &format!("{jan}-01"), "1,0832").await;
    assert!(res.status.is_success(), "{}", res.body);
    let later = set_rate(app, &finance.cookie, "EUR", &format!("{feb}-01"), "1.1").await;
    assert!(later.status.is_success(), "{}", later.body);
    let read = page(app, &admin).await;
    // 10,000.05 EUR summed, then converted once: 10,832.05416 → 10,832.05.
    assert_eq!(
        total(&read, &jan, "EUR"),
        Some(Some(Money::new(1_083_205, "USD")))
    );
    // The second month has its own rate; the first month's total does not
    // move.
    assert_eq!(
        total(&read, &feb, "EUR"),
        Some(Some(Money::new(110_000, "USD")))
    );
    assert_eq!(read.rates.len(), 5);
    assert_eq!(read.rates[0].rate, "1.1", "newest first");
    // The same day's rate set again replaces it; reading twice gives the
    // same figures.
    let again = set_rate(app, &finance.cookie, "EUR", &format!("{jan}-01"), "1.0833").await;
    assert!(again.status.is_success(), "{}", again.body);
    let first = page(app, &admin).await;
    assert_eq!(first.rates.len(), 5);
    assert_eq!(
        total(&first, &jan, "EUR"),
        Some(Some(Money::new(1_083_305, "USD")))
    );
    assert_eq!(first, page(app, &admin).await);

    // Bad input is named on its field; nothing changes.
    for (currency, from, rate, field) in [
        ("USD", "2027-03-01", "1", "currency"),
        ("XXX", "2027-03-01", "1", "currency"),
        ("EUR", "1 March", "1", "valid_from"),
        ("EUR", "2027-03-01", "0", "rate"),
        ("EUR", "2027-03-01", "1.0000000001", "rate"),
    ] {
        let res = set_rate(app, &finance.cookie, currency, from, rate).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{currency} {from} {rate}"
        );
        assert!(res.body.contains(field), "{}", res.body);
    }
    assert_eq!(page(app, &admin).await.rates.len(), 5);

    // Channel managers read the ledger; they and partners set no rates.
    let manager = app.member(Role::ChannelManager).signed_in().await;
    assert!(!page(app, &manager.cookie).await.can_set_rates);
    let refused = set_rate(app, &manager.cookie, "EUR", "2027-04-01", "1").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let res = app
        .call(HOST_A, "get_revenue_page", Some(&olivia), &[])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
both!(
    totals_convert_at_the_rate_of_the_period_test,
    totals_convert_at_the_rate_of_the_period
);
