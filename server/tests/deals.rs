//! Deal registration's conflict check: a partner typing a customer hears
//! that it is already registered by another partner, or reserved by the
//! vendor, and never by whom; its own registrations, drafts, closed ones
//! and other product families do not count.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{deal, deal_line, organization, product_family};
use app::types::deal::{ConflictHint, DealOrigin, DealStage, DealStatus};
use app::types::Role;
use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use common::{TestApp, HOST_A};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Another partner's registration of `customer`, in `status`, for one
/// product family; its id.
async fn registered(
    app: &TestApp,
    partner: &str,
    customer: (&str, &str, &str),
    status: DealStatus,
    family: i64,
) -> i64 {
    let db = &app.state.db;
    let org = organization::Entity::find()
        .filter(organization::Column::Name.eq(partner))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let (name, website, country) = customer;
    let company = app::ssr::company_match::Company::new(name, website, country, "", "");
    let now = Utc::now();
    let row = deal::ActiveModel {
        tenant_id: Set(org.tenant_id),
        partner_id: Set(org.id),
        customer_name: Set(name.into()),
        customer_key: Set(company.name),
        customer_website: Set(website.into()),
        customer_domain: Set(company.domain),
        country: Set(country.into()),
        contact_name: Set("Jo Buyer".into()),
        contact_email: Set("jo@example.org".into()),
        currency: Set("USD".into()),
        amount_minor: Set(5_000_000),
        expected_close_on: Set(NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()),
        stage: Set(DealStage::Proposal),
        origin: Set(DealOrigin::Sourced),
        status: Set(status),
        submitted_at: Set(Some(now)),
        idempotency_key: Set(format!("k-{name}-{partner}-{status}")),
        created_by: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    deal_line::ActiveModel {
        tenant_id: Set(org.tenant_id),
        deal_id: Set(row.id),
        product_family_id: Set(family),
        quantity: Set(10),
        amount_minor: Set(5_000_000),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    row.id
}

async fn families(app: &TestApp) -> (i64, i64) {
    let all = product_family::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    (all[0].id, all[1].id)
}

/// What `cookie`'s partner hears for a customer.
async fn check(app: &TestApp, cookie: &str, fields: &[(&str, &str)]) -> Vec<ConflictHint> {
    let res = app
        .call(HOST_A, "check_deal_customer", Some(cookie), fields)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view()
}

async fn conflicts_are_heard_without_names(app: &TestApp) {
    let (switches, licences) = families(app).await;
    registered(
        app,
        "Harbor IT Services",
        (
            "Müller Maschinenbau GmbH",
            "https://www.mueller-maschinen.de",
            "DE",
        ),
        DealStatus::Approved,
        switches,
    )
    .await;
    registered(
        app,
        "Harbor IT Services",
        ("Fabrikam Retail Inc.", "", "US"),
        DealStatus::Draft,
        switches,
    )
    .await;
    registered(
        app,
        "Harbor IT Services",
        ("Tailspin Toys", "", "US"),
        DealStatus::Lost,
        switches,
    )
    .await;
    registered(
        app,
        "Northwind Systems",
        ("Contoso Bank", "", "US"),
        DealStatus::Submitted,
        switches,
    )
    .await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let taken = vec![ConflictHint::AlreadyRegistered];
    let free: Vec<ConflictHint> = Vec::new();

    // The umlaut written out, the legal form dropped: the same customer.
    let heard = check(
        app,
        &olivia,
        &[("name", "Mueller Maschinenbau"), ("country", "DE")],
    )
    .await;
    assert_eq!(heard, taken);
    // Another name, but the contact's address is at the registered domain.
    let heard = check(
        app,
        &olivia,
        &[
            ("name", "MM Werkzeuge"),
            ("contact_email", "einkauf@mueller-maschinen.de"),
            ("country", "AT"),
        ],
    )
    .await;
    assert_eq!(heard, taken);
    // Only for the families registered: licences are free to register.
    let heard = check(
        app,
        &olivia,
        &[
            ("name", "Müller Maschinenbau"),
            ("country", "DE"),
            ("families", &format!("{licences}")),
        ],
    )
    .await;
    assert_eq!(heard, free);
    let heard = check(
        app,
        &olivia,
        &[
            ("name", "Müller Maschinenbau"),
            ("country", "DE"),
            ("families", &format!("{licences},{switches},x")),
        ],
    )
    .await;
    assert_eq!(heard, taken);
    // Drafts and closed registrations claim nothing; nor do one's own.
    for name in ["Fabrikam Retail", "Tailspin Toys", "Contoso Bank"] {
        let heard = check(app, &olivia, &[("name", name), ("country", "US")]).await;
        assert_eq!(heard, free, "{name}");
    }
    // The answer never names the other partner.
    let res = app
        .call(
            HOST_A,
            "check_deal_customer",
            Some(&olivia),
            &[("name", "Mueller Maschinenbau"), ("country", "DE")],
        )
        .await;
    assert!(!res.body.contains("Harbor"), "{}", res.body);

    // A named account is reserved, by name or by domain.
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let res = app
        .call(
            HOST_A,
            "add_named_account",
            Some(&admin),
            &[
                ("name", "Woodgrove Bank plc"),
                ("website", "woodgrovebank.co.uk"),
                ("country", "GB"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    for fields in [
        &[("name", "Woodgrove Bank"), ("country", "GB")][..],
        &[
            ("name", "WGB Treasury"),
            ("website", "https://treasury.woodgrovebank.co.uk"),
            ("country", "IE"),
        ][..],
    ] {
        let heard = check(app, &olivia, fields).await;
        assert_eq!(heard, vec![ConflictHint::ReservedAccount], "{fields:?}");
    }

    // Vendor staff do not register deals.
    let res = app
        .call(
            HOST_A,
            "check_deal_customer",
            Some(&admin),
            &[("name", "Woodgrove Bank")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
both!(
    conflicts_are_heard_without_names_test,
    conflicts_are_heard_without_names
);

async fn named_accounts_refuse_bad_input(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    for (fields, field) in [
        (&[("name", " "), ("country", "DE")][..], "name"),
        (&[("name", "Acme Kunde"), ("country", "XX")][..], "country"),
        (
            &[
                ("name", "Acme Kunde"),
                ("website", "someone@gmail.com"),
                ("country", "DE"),
            ][..],
            "website",
        ),
    ] {
        let res = app
            .call(HOST_A, "add_named_account", Some(&admin), fields)
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(res.body.contains(field), "{}", res.body);
    }
    let manager = app.member(Role::ChannelManager).signed_in().await;
    let res = app
        .call(
            HOST_A,
            "add_named_account",
            Some(&manager.cookie),
            &[("name", "Acme Kunde"), ("country", "DE")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
both!(
    named_accounts_refuse_bad_input_test,
    named_accounts_refuse_bad_input
);
