//! Deal registration's conflict check: a partner typing a customer hears
//! that it is already registered by another partner, or reserved by the
//! vendor, and never by whom; its own registrations, drafts, closed ones
//! and other product families do not count.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{deal, deal_line, organization, product_family};
use app::types::deal::{
    ConflictHint, DealDetail, DealOrigin, DealPart, DealStage, DealStatus, DealsPage,
};
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

/// The registration form as a partner fills it in, for `customer` and one
/// line of `family`.
fn deal_form(key: &str, customer: &str, family: i64) -> Vec<(String, String)> {
    let close = (Utc::now() + chrono::Duration::days(45))
        .date_naive()
        .to_string();
    [
        ("key", key.to_owned()),
        ("customer_name", customer.to_owned()),
        ("website", "https://www.mueller-maschinen.de".to_owned()),
        ("country", "DE".to_owned()),
        ("city", "Stuttgart".to_owned()),
        ("contact_name", "Jana Vogt".to_owned()),
        ("contact_email", "jana.vogt@mueller-maschinen.de".to_owned()),
        ("currency", "USD".to_owned()),
        ("family_1", family.to_string()),
        ("quantity_1", "40".to_owned()),
        ("amount_1", "25,000".to_owned()),
        ("expected_close_on", close),
        ("stage", "proposal".to_owned()),
        ("origin", "sourced".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn with(form: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = form
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .cloned()
        .collect();
    out.extend(
        changes
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    out
}

async fn post(app: &TestApp, name: &str, cookie: &str, form: &[(String, String)]) -> common::Resp {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(HOST_A, name, Some(cookie), &pairs).await
}

async fn row(app: &TestApp, id: i64) -> deal::Model {
    deal::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

/// Saves `form` and returns the registration's id.
async fn saved(app: &TestApp, cookie: &str, form: &[(String, String)]) -> i64 {
    let res = post(app, "save_deal", cookie, form).await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    res.view()
}

async fn send(app: &TestApp, cookie: &str, form: &[(String, String)], id: i64) -> common::Resp {
    let version = row(app, id).await.version.to_string();
    let form = with(
        form,
        &[
            ("id", &id.to_string()),
            ("version", &version),
            ("send", "1"),
        ],
    );
    post(app, "save_deal", cookie, &form).await
}

async fn decide(app: &TestApp, cookie: &str, id: i64, fields: &[(&str, &str)]) -> common::Resp {
    let version = row(app, id).await.version.to_string();
    let mut form = vec![
        ("id".to_owned(), id.to_string()),
        ("version".to_owned(), version),
    ];
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    post(app, "decide_deal", cookie, &form).await
}

async fn notified(app: &TestApp, email: &str, kind: &str) -> Vec<String> {
    use app::ssr::entities::notification;
    let user = app.user_id(email).await;
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind.as_str() == kind)
        .map(|n| n.details)
        .collect()
}

async fn the_first_registration_wins(app: &TestApp) {
    let (switches, licences) = families(app).await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let raj = app.sign_in(HOST_A, "raj.patel@acme.example").await;

    // Bad input is named on its field; nothing is saved.
    let form = deal_form(
        "deal-key-northwind-0001",
        "Müller Maschinenbau GmbH",
        switches,
    );
    for (change, field) in [
        (("currency", "JPY"), "currency"),
        (("family_1", "999999"), "family_1"),
        (("quantity_1", "0"), "quantity_1"),
        (("amount_1", "-5"), "amount_1"),
        (("expected_close_on", "2020-01-01"), "expected_close_on"),
        (("website", "jana@gmail.com"), "website"),
        (("contact_email", "not an address"), "contact_email"),
        (("stage", "won"), "stage"),
    ] {
        let res = post(app, "save_deal", &olivia, &with(&form, &[change])).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{change:?}");
        assert!(res.body.contains(field), "{change:?}: {}", res.body);
    }
    assert_eq!(
        deal::Entity::find().all(&app.state.db).await.unwrap().len(),
        0
    );

    // A draft, saved twice from one form: one registration.
    let first = saved(app, &olivia, &form).await;
    assert_eq!(saved(app, &olivia, &form).await, first);
    assert_eq!(row(app, first).await.status, DealStatus::Draft);
    assert_eq!(row(app, first).await.amount_minor, 2_500_000);
    // Vendor staff register nothing, and do not see a partner's drafts.
    let res = post(app, "save_deal", &dana, &form).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app
        .call(
            HOST_A,
            "get_deal",
            Some(&dana),
            &[("id", &first.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Sent: the clock starts, the channel manager hears of it.
    let res = send(app, &olivia, &form, first).await;
    assert!(res.status.is_success(), "{}", res.body);
    let sent = row(app, first).await;
    assert_eq!(sent.status, DealStatus::Submitted);
    let due = sent.decision_due_at.unwrap();
    assert_eq!(
        due,
        app::ssr::services::business_clock::decision_due(
            sent.submitted_at.unwrap(),
            2,
            app::ssr::services::business_clock::zone("UTC")
        )
    );
    let told = notified(app, "dana.cole@acme.example", "deal_submitted").await;
    assert!(
        told.iter().any(|d| d.contains("Northwind Systems")),
        "{told:?}"
    );

    // Harbor registers the same customer, spelt another way, for the same
    // family: the clash is kept for the reviewer.
    let theirs = deal_form("deal-key-harbor-00001", "Mueller Maschinenbau", switches);
    let second = saved(app, &priya, &theirs).await;
    assert!(send(app, &priya, &theirs, second).await.status.is_success());
    let clashes = app::ssr::entities::deal_conflict::Entity::find()
        .filter(app::ssr::entities::deal_conflict::Column::DealId.eq(second))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].other_deal_id, Some(first));
    assert_eq!(clashes[0].domain.as_deref(), Some("mueller-maschinen.de"));

    // Each side reads what is theirs: a partner never another partner's
    // registration, a channel manager only those of their partners.
    let get = |cookie: String, id: i64| async move {
        app.call(
            HOST_A,
            "get_deal",
            Some(&cookie),
            &[("id", &id.to_string())],
        )
        .await
    };
    assert_eq!(
        get(priya.clone(), first).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(raj.clone(), first).await.status, StatusCode::NOT_FOUND);
    let own: DealDetail = get(olivia.clone(), first).await.view();
    assert!(own.may.withdraw && !own.may.decide && own.conflicts.is_empty());
    let theirs_seen: DealDetail = get(priya.clone(), second).await.view();
    assert_eq!(theirs_seen.hint, Some(ConflictHint::AlreadyRegistered));
    assert!(theirs_seen.conflicts.is_empty());
    let reviewed: DealDetail = get(dana.clone(), second).await.view();
    assert!(reviewed.may.decide);
    assert_eq!(reviewed.conflicts[0].other_partner, "Northwind Systems");
    let list = |cookie: String| async move {
        let res = app.call(HOST_A, "get_deals", Some(&cookie), &[]).await;
        assert!(res.status.is_success(), "{}", res.body);
        let page: DealsPage = res.view();
        page.items.len()
    };
    assert_eq!(list(dana.clone()).await, 2);
    assert_eq!(list(raj.clone()).await, 0);
    assert_eq!(list(olivia.clone()).await, 1);
    let felix = app.sign_in(HOST_A, "felix.ortiz@acme.example").await;
    let res = app.call(HOST_A, "get_deals", Some(&felix), &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // Only reviewers who see the partner decide; a channel manager of
    // other partners does not know the registration.
    let res = decide(app, &raj, first, &[("decision", "approve")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = decide(app, &olivia, first, &[("decision", "approve")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // The first is approved, protected for its tier's days.
    let res = decide(app, &dana, first, &[("decision", "approve")]).await;
    assert!(res.status.is_success(), "{}", res.body);
    let approved = row(app, first).await;
    assert_eq!(approved.status, DealStatus::Approved);
    let platinum = app::ssr::entities::tier::Entity::find()
        .filter(app::ssr::entities::tier::Column::Code.eq("platinum"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        approved.protected_until,
        Some(
            Utc::now().date_naive() + chrono::Duration::days(platinum.deal_protection_days.into())
        )
    );

    // The second waits on its conflict; upholding it rejects it.
    let res = decide(app, &dana, second, &[("decision", "approve")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    let version = row(app, second).await.version.to_string();
    let conflict = clashes[0].id.to_string();
    let resolve = |resolution: &'static str, reason: &'static str| {
        vec![
            ("id".to_owned(), second.to_string()),
            ("version".to_owned(), version.clone()),
            ("conflict_id".to_owned(), conflict.clone()),
            ("resolution".to_owned(), resolution.to_owned()),
            ("resolution_reason".to_owned(), reason.to_owned()),
        ]
    };
    let res = post(
        app,
        "resolve_deal_conflict",
        &dana,
        &resolve("overridden", ""),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("resolution_reason"), "{}", res.body);
    let res = post(app, "resolve_deal_conflict", &dana, &resolve("upheld", "")).await;
    assert!(res.status.is_success(), "{}", res.body);
    let rejected = row(app, second).await;
    assert_eq!(rejected.status, DealStatus::Rejected);
    assert_eq!(rejected.reason_code.as_deref(), Some("already_registered"));
    let told = notified(app, "priya@harborit.example", "deal_decided").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(!told[0].contains("Northwind"), "{}", told[0]);

    // Licences for the same customer are Harbor's to register.
    let other = with(
        &deal_form("deal-key-harbor-00002", "Mueller Maschinenbau", licences),
        &[],
    );
    let third = saved(app, &priya, &other).await;
    assert!(send(app, &priya, &other, third).await.status.is_success());
    let res = decide(app, &dana, third, &[("decision", "approve")]).await;
    assert!(res.status.is_success(), "{}", res.body);
}
both!(
    the_first_registration_wins_test,
    the_first_registration_wins
);

async fn returned_registrations_are_changed_and_sent_again(app: &TestApp) {
    let (switches, _) = families(app).await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let form = deal_form("deal-key-return-00001", "Fabrikam Werke AG", switches);
    let form = with(
        &form,
        &[
            ("website", "fabrikam-werke.de"),
            ("contact_email", "a@fabrikam-werke.de"),
        ],
    );
    let id = saved(app, &olivia, &form).await;
    assert!(send(app, &olivia, &form, id).await.status.is_success());
    // Returning asks for what to change; rejecting for why.
    let res = decide(app, &dana, id, &[("decision", "return")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = decide(app, &dana, id, &[("decision", "reject")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("reason_code"), "{}", res.body);
    // ... and which parts the partner is to change.
    let note = [
        ("decision", "return"),
        ("reason", "Add the second site's quantity."),
    ];
    let res = decide(app, &dana, id, &note).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("\"parts\""), "{}", res.body);
    let flagged = [
        note[0],
        note[1],
        ("parts[products]", "on"),
        ("parts[bogus]", "on"),
    ];
    let res = decide(app, &dana, id, &flagged).await;
    assert!(res.status.is_success(), "{}", res.body);
    let returned = row(app, id).await;
    assert_eq!(returned.status, DealStatus::Returned);
    assert_eq!(returned.returned_fields, "products");
    let res = app
        .call(
            HOST_A,
            "get_deal_form",
            Some(&olivia),
            &[("id", &id.to_string())],
        )
        .await;
    let open: app::types::deal::DealForm = res.view();
    assert_eq!(open.editable, Some(vec![DealPart::Products]));
    // The partner's home card asks for the change; the reviewer's queue
    // empties.
    let needs = |cookie: String| async move {
        let res = app.call(HOST_A, "get_needs_you", Some(&cookie), &[]).await;
        let needs: app::types::notification::NeedsYou = res.view();
        needs
            .tasks
            .into_iter()
            .map(|t| format!("{} -> {}", t.sentence, t.href))
            .collect::<Vec<_>>()
    };
    let tasks = needs(olivia.clone()).await;
    assert!(
        tasks.iter().any(|t| t
            .contains("Change and resend the deal registration “Fabrikam Werke AG”")
            && t.ends_with(&format!("/deals/{id}"))),
        "{tasks:?}"
    );
    let tasks = needs(dana.clone()).await;
    assert!(!tasks.iter().any(|t| t.contains("/deals")), "{tasks:?}");
    // A stale form is refused; the current one goes through.
    let stale = with(
        &form,
        &[("id", &id.to_string()), ("version", "1"), ("send", "1")],
    );
    let res = post(app, "save_deal", &olivia, &stale).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    // Only the flagged part changes: a customer name posted anyway (or a
    // part left out, as a locked fieldset sends nothing) keeps the stored.
    let changed: Vec<(String, String)> = with(
        &form,
        &[("quantity_1", "60"), ("customer_name", "Someone Else Ltd")],
    )
    .into_iter()
    .filter(|(k, _)| k != "contact_email")
    .collect();
    let res = send(app, &olivia, &changed, id).await;
    assert!(res.status.is_success(), "{}", res.body);
    let resent = row(app, id).await;
    assert_eq!(resent.status, DealStatus::Submitted);
    assert_eq!(resent.customer_name, "Fabrikam Werke AG");
    assert_eq!(resent.contact_email, "a@fabrikam-werke.de");
    assert_eq!(resent.amount_minor, 2_500_000);
    assert_eq!(resent.returned_fields, "");
    let lines = deal_line::Entity::find()
        .filter(deal_line::Column::DealId.eq(id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(lines.iter().map(|l| l.quantity).collect::<Vec<_>>(), [60]);
    let tasks = needs(dana.clone()).await;
    assert!(
        tasks.iter().any(
            |t| t.contains("1 deal registration waits for your decision, due by")
                && t.ends_with("/deals?status=submitted")
        ),
        "{tasks:?}"
    );
    // Withdrawn before a decision, it can no longer be decided.
    let version = resent.version.to_string();
    let res = app
        .call(
            HOST_A,
            "withdraw_deal",
            Some(&olivia),
            &[("id", &id.to_string()), ("version", &version)],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(row(app, id).await.status, DealStatus::Withdrawn);
    let res = decide(app, &dana, id, &[("decision", "approve")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
}
both!(
    returned_registrations_are_changed_and_sent_again_test,
    returned_registrations_are_changed_and_sent_again
);

async fn registrations_sent_together_cannot_both_win(app: &TestApp) {
    let (switches, _) = families(app).await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let ours = deal_form("deal-key-race-north-01", "Tailspin Robotik GmbH", switches);
    let theirs = deal_form("deal-key-race-harbor-1", "Tailspin Robotik", switches);
    let a = saved(app, &olivia, &ours).await;
    let b = saved(app, &priya, &theirs).await;
    let (x, y) = tokio::join!(send(app, &olivia, &ours, a), send(app, &priya, &theirs, b));
    assert!(x.status.is_success() && y.status.is_success());
    // Whichever is approved first, the other cannot be.
    let later_first = decide(app, &dana, b, &[("decision", "approve")]).await;
    let then = decide(app, &dana, a, &[("decision", "approve")]).await;
    let mut approved = Vec::new();
    for id in [a, b] {
        if row(app, id).await.status == DealStatus::Approved {
            approved.push(id);
        }
    }
    assert_eq!(
        approved.len(),
        1,
        "{} {} / {} {}",
        later_first.status,
        later_first.body,
        then.status,
        then.body
    );
}
both!(
    registrations_sent_together_cannot_both_win_test,
    registrations_sent_together_cannot_both_win
);

/// Approves a fresh registration of `customer` by Olivia; its id.
async fn approved(app: &TestApp, key: &str, customer: &str) -> i64 {
    let (switches, _) = families(app).await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let form = with(
        &deal_form(key, customer, switches),
        &[("website", ""), ("contact_email", "buyer@example.org")],
    );
    let id = saved(app, &olivia, &form).await;
    assert!(send(app, &olivia, &form, id).await.status.is_success());
    let res = decide(app, &dana, id, &[("decision", "approve")]).await;
    assert!(res.status.is_success(), "{}", res.body);
    id
}

async fn act(
    app: &TestApp,
    name: &str,
    cookie: &str,
    id: i64,
    fields: &[(&str, &str)],
) -> common::Resp {
    let version = row(app, id).await.version.to_string();
    let mut form = vec![
        ("id".to_owned(), id.to_string()),
        ("version".to_owned(), version),
    ];
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    post(app, name, cookie, &form).await
}

async fn won_deals_count_once_in_the_revenue_ledger(app: &TestApp) {
    use app::ssr::entities::partner_revenue;
    use app::types::revenue::RevenueSource;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    let won = approved(app, "deal-key-won-000001", "Contoso Bikes Ltd").await;
    let lost = approved(app, "deal-key-lost-00001", "Litware Robotics").await;

    // Another partner cannot close it; bad input is named.
    let res = act(app, "close_deal", &priya, won, &[("outcome", "won")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let tomorrow = (Utc::now() + chrono::Duration::days(2))
        .date_naive()
        .to_string();
    for (fields, field) in [
        (vec![("outcome", "")], "outcome"),
        (
            vec![("outcome", "won"), ("closed_on", tomorrow.as_str())],
            "closed_on",
        ),
        (vec![("outcome", "won"), ("amount", "-3")], "amount"),
        (vec![("outcome", "lost")], "lost_reason"),
    ] {
        let res = act(app, "close_deal", &olivia, won, &fields).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(res.body.contains(field), "{fields:?}: {}", res.body);
    }

    // Won at a final amount: the ledger holds it once, keyed by the deal,
    // in the month it closed.
    let today = Utc::now().date_naive();
    let res = act(
        app,
        "close_deal",
        &olivia,
        won,
        &[("outcome", "won"), ("amount", "27,500.00")],
    )
    .await;
    assert!(res.status.is_success(), "{}", res.body);
    let closed = row(app, won).await;
    assert_eq!(closed.status, DealStatus::Won);
    assert_eq!(closed.amount_minor, 2_750_000);
    let again = act(app, "close_deal", &olivia, won, &[("outcome", "won")]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let figures = partner_revenue::Entity::find()
        .filter(partner_revenue::Column::DealId.eq(won))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0].source, RevenueSource::WonDeal);
    assert_eq!(figures[0].amount_minor, 2_750_000);
    assert_eq!(figures[0].period, today.format("%Y-%m").to_string());
    assert_eq!(figures[0].partner_id, closed.partner_id);

    // A co-op budget takes the won deal: 2.5 % of it accrues to Northwind
    // once, without a second revenue figure.
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let res = app
        .call(
            HOST_A,
            "create_budget",
            Some(&admin),
            &[
                ("key", "won-deals-coop-budget-key"),
                ("name", "Co-op from deals"),
                ("kind", "coop"),
                ("currency", "USD"),
                ("total", "10000"),
                (
                    "starts_on",
                    &(today - chrono::Duration::days(40)).to_string(),
                ),
                (
                    "ends_on",
                    &(today + chrono::Duration::days(300)).to_string(),
                ),
                ("coop_percent", "2.5"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let funds: app::types::funds::FundsOverview = app
        .call(HOST_A, "get_funds_overview", Some(&admin), &[])
        .await
        .view();
    let budget = funds.budgets[0].id.to_string();
    let month = today.format("%Y-%m").to_string();
    let accrue = |period: String| {
        let (admin, budget) = (admin.clone(), budget.clone());
        async move {
            app.call(
                HOST_A,
                "accrue_won_deals",
                Some(&admin),
                &[("budget_id", &budget), ("period", &period)],
            )
            .await
        }
    };
    let figures = || async {
        partner_revenue::Entity::find()
            .filter(partner_revenue::Column::PartnerId.eq(closed.partner_id))
            .all(&app.state.db)
            .await
            .unwrap()
            .len()
    };
    let before = figures().await;
    let res = accrue(month.clone()).await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    let again = accrue(month.clone()).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        accrue("last month".into()).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mine: app::types::funds::FundsOverview = app
        .call(HOST_A, "get_funds_overview", Some(&olivia), &[])
        .await
        .view();
    let coop = mine
        .allocations
        .iter()
        .find(|a| a.budget_name == "Co-op from deals")
        .unwrap();
    assert_eq!(coop.balances.available, 68_750);
    assert_eq!(figures().await, before, "no second revenue figure");
    let ledger = app::ssr::services::funds::verify::ledger(&app.state.db)
        .await
        .unwrap();
    assert!(ledger.problems.is_empty(), "{:?}", ledger.problems);

    // Lost with a reason: nothing is counted.
    let res = act(
        app,
        "close_deal",
        &olivia,
        lost,
        &[
            ("outcome", "lost"),
            ("lost_reason", "competitor"),
            ("note", "Went with a cheaper bid."),
        ],
    )
    .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(row(app, lost).await.status, DealStatus::Lost);
    let detail: DealDetail = app
        .call(
            HOST_A,
            "get_deal",
            Some(&olivia),
            &[("id", &lost.to_string())],
        )
        .await
        .view();
    assert_eq!(
        detail.lost_reason,
        Some(app::types::deal::LostReason::Competitor)
    );
    assert!(!detail.may.close);
    let counted = partner_revenue::Entity::find()
        .filter(partner_revenue::Column::DealId.eq(lost))
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(counted.is_empty());
}
both!(
    won_deals_count_once_in_the_revenue_ledger_test,
    won_deals_count_once_in_the_revenue_ledger
);

async fn clocks_remind_report_and_expire(app: &TestApp) {
    use app::ssr::services::deals::clocks;
    let (switches, _) = families(app).await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let form = deal_form("deal-key-clock-000001", "Wingtip Toys GmbH", switches);
    let id = saved(app, &olivia, &form).await;
    assert!(send(app, &olivia, &form, id).await.status.is_success());
    let sent = row(app, id).await;
    let (at, due) = (sent.submitted_at.unwrap(), sent.decision_due_at.unwrap());

    // Nothing before half time; the channel manager at half time, once;
    // the vendor admins once the answer is late, once.
    let pass = |when| async move {
        clocks::run_for_tenant(&app.state, &program_of(app).await, when)
            .await
            .unwrap()
    };
    assert_eq!(pass(at + chrono::Duration::minutes(5)).await.total(), 0);
    let half = clocks::Outcome {
        half_time: 1,
        ..Default::default()
    };
    assert_eq!(pass(due - chrono::Duration::minutes(5)).await, half);
    assert_eq!(pass(due - chrono::Duration::minutes(4)).await.total(), 0);
    assert_eq!(
        notified(app, "dana.cole@acme.example", "deal_due_soon")
            .await
            .len(),
        1
    );
    let late = clocks::Outcome {
        late: 1,
        ..Default::default()
    };
    assert_eq!(pass(due + chrono::Duration::minutes(1)).await, late);
    assert_eq!(pass(due + chrono::Duration::hours(2)).await.total(), 0);
    let told = notified(app, "admin@acme.example", "deal_overdue").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("Wingtip Toys GmbH"), "{told:?}");

    // Approved: reminded two weeks before the protection ends; more time
    // asked for keeps it; granted, it runs another period; then it expires.
    let res = decide(app, &dana, id, &[("decision", "approve")]).await;
    assert!(res.status.is_success(), "{}", res.body);
    let until = row(app, id).await.protected_until.unwrap();
    let day = |d: chrono::NaiveDate| d.and_hms_opt(12, 0, 0).unwrap().and_utc();
    let expiring = clocks::Outcome {
        expiring: 1,
        ..Default::default()
    };
    assert_eq!(
        pass(day(until - chrono::Duration::days(20))).await.total(),
        0
    );
    assert_eq!(
        pass(day(until - chrono::Duration::days(10))).await,
        expiring
    );
    assert_eq!(
        notified(app, "olivia@northwind.example", "deal_expiring")
            .await
            .len(),
        1
    );
    let res = act(
        app,
        "ask_deal_extension",
        &olivia,
        id,
        &[("extension_reason", "")],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = act(
        app,
        "ask_deal_extension",
        &olivia,
        id,
        &[("extension_reason", "Their board meets next month.")],
    )
    .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(
        notified(app, "dana.cole@acme.example", "deal_extension_asked")
            .await
            .len(),
        1
    );
    // Asked for, it does not expire while the answer is pending.
    assert_eq!(
        pass(day(until + chrono::Duration::days(1))).await.total(),
        0
    );
    let res = act(app, "extend_deal", &olivia, id, &[("grant", "1")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = act(app, "extend_deal", &dana, id, &[("grant", "1")]).await;
    assert!(res.status.is_success(), "{}", res.body);
    let extended = row(app, id).await;
    let later = extended.protected_until.unwrap();
    assert!(later > until, "{later} after {until}");
    assert!(extended.extension_requested_at.is_none() && extended.expiry_reminded_at.is_none());
    let expired = clocks::Outcome {
        expired: 1,
        ..Default::default()
    };
    assert_eq!(pass(day(later + chrono::Duration::days(1))).await, expired);
    assert_eq!(row(app, id).await.status, DealStatus::Expired);
    assert_eq!(
        pass(day(later + chrono::Duration::days(2))).await.total(),
        0
    );
}
both!(
    clocks_remind_report_and_expire_test,
    clocks_remind_report_and_expire
);

async fn program_of(app: &TestApp) -> app::ssr::entities::tenant::Model {
    app::ssr::entities::tenant::Entity::find()
        .filter(app::ssr::entities::tenant::Column::Slug.eq("acme"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn lists_stay_fast_to_page_through_at_scale(app: &TestApp) {
    let report = app::ssr::seed::scale::seed(&app.state.db, 60)
        .await
        .unwrap();
    assert_eq!(report.deals, 600);
    let host = "scale.portal.test";
    let partner = app.sign_in(host, "user7@partner7.example").await;
    let page = |cookie: String, fields: Vec<(&'static str, String)>| async move {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = app.call(host, "get_deals", Some(&cookie), &pairs).await;
        assert!(res.status.is_success(), "{}", res.body);
        let page: DealsPage = res.view();
        page
    };
    // A partner: its own ten, drafts included.
    let own = page(partner.clone(), vec![]).await;
    assert_eq!(own.items.len(), 10);
    assert!(own.next_after.is_none());
    assert!(own.items.iter().any(|d| d.status == DealStatus::Draft));
    // The vendor admin: every partner's, never a draft, 25 at a time, and
    // the keyset pages do not overlap.
    let admin = app.sign_in(host, "admin@scale.example").await;
    let first = page(admin.clone(), vec![("status", "submitted".into())]).await;
    assert_eq!(first.items.len(), 25);
    assert!(first
        .items
        .iter()
        .all(|d| d.status == DealStatus::Submitted));
    let after = first.next_after.unwrap();
    let second = page(
        admin.clone(),
        vec![("status", "submitted".into()), ("after", after.to_string())],
    )
    .await;
    assert_eq!(second.items.len(), 25);
    assert!(second.items.iter().all(|d| d.id < after));
    let all = page(admin.clone(), vec![]).await;
    assert!(all.items.iter().all(|d| d.status != DealStatus::Draft));

    // The waiting queue by age: the bands share out the 60 waiting, and
    // each band lists only its own.
    use app::types::deal::DealAge;
    assert_eq!(all.ages.len(), DealAge::ALL.len());
    let banded: u64 = all
        .ages
        .iter()
        .filter(|a| a.age != DealAge::Overdue)
        .map(|a| a.count)
        .sum();
    assert_eq!(banded, 60);
    for band in &all.ages {
        let listed = page(admin.clone(), vec![("age", band.age.as_str().into())]).await;
        assert_eq!(listed.items.len() as u64, band.count.min(25), "{band:?}");
        assert!(listed
            .items
            .iter()
            .all(|d| d.status == DealStatus::Submitted));
        if band.age == DealAge::Overdue {
            assert!(listed.items.iter().all(|d| d.overdue));
        }
    }
    // By partner (a typed name) and by product family.
    let one = page(admin.clone(), vec![("partner", "Partner 000007".into())]).await;
    assert_eq!(one.items.len(), 9);
    assert!(one.items.iter().all(|d| d.partner_name == "Partner 000007"));
    let nowhere = page(admin.clone(), vec![("region", "apac".into())]).await;
    assert!(nowhere.items.is_empty());
    let na = page(admin.clone(), vec![("region", "na".into())]).await;
    assert_eq!(na.items.len(), 25);
    let nobody = page(admin.clone(), vec![("partner", "No such partner".into())]).await;
    assert!(nobody.items.is_empty());
    let family = &all.families[0].0;
    let by_family = page(admin.clone(), vec![("family", family.clone())]).await;
    assert_eq!(by_family.items.len(), 25);
    for d in &by_family.items {
        let lines = deal_line::Entity::find()
            .filter(deal_line::Column::DealId.eq(d.id))
            .all(&app.state.db)
            .await
            .unwrap();
        assert!(lines
            .iter()
            .any(|l| l.product_family_id.to_string() == *family));
    }
    assert!(!all.ages.is_empty() && own.ages.is_empty());

    // The CSV holds what the page lists, filtered alike.
    let csv = app
        .get(host, "/deals/export?status=submitted", Some(&admin))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.body.lines().count(), 61, "{}", csv.body);
    assert!(csv
        .body
        .lines()
        .skip(1)
        .all(|l| l.contains("Waiting for a decision")));
    let csv = app.get(host, "/deals/export", Some(&partner)).await;
    assert_eq!(csv.body.lines().count(), 11);
    let csv = app.get(host, "/deals/export", None).await;
    assert!(csv.status.is_redirection());
}
both!(
    lists_stay_fast_to_page_through_at_scale_test,
    lists_stay_fast_to_page_through_at_scale
);

async fn the_conversation_reaches_both_sides_only(app: &TestApp) {
    let id = approved(app, "deal-key-talk-000001", "Proseware Clinics").await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    let comment = |cookie: String, body: &'static str| async move {
        app.call(
            HOST_A,
            "add_deal_comment",
            Some(&cookie),
            &[("id", &id.to_string()), ("body", body)],
        )
        .await
    };
    let res = comment(olivia.clone(), "   ").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("body"), "{}", res.body);
    // Another partner can neither read nor write it.
    assert_eq!(
        comment(priya.clone(), "Hello").await.status,
        StatusCode::NOT_FOUND
    );
    let res = comment(
        olivia.clone(),
        "@dana.cole their board meets on the 20th, **two more weeks** would do. cc @priya.nair <script>alert(1)</script>",
    )
    .await;
    assert!(res.status.is_success(), "{}", res.body);
    // The channel manager hears of it and of the mention; the partner of
    // another company mentioned by name hears nothing.
    assert_eq!(
        notified(app, "dana.cole@acme.example", "deal_comment")
            .await
            .len(),
        1
    );
    let about_it = |told: Vec<String>| {
        told.into_iter()
            .filter(|d| d.contains("Proseware Clinics"))
            .count()
    };
    let mentions = notified(app, "dana.cole@acme.example", "forum_mention").await;
    assert_eq!(about_it(mentions), 1);
    let mentions = notified(app, "priya@harborit.example", "forum_mention").await;
    assert_eq!(about_it(mentions), 0);
    let res = comment(dana.clone(), "Extended, see the protection date.").await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(
        notified(app, "olivia@northwind.example", "deal_comment")
            .await
            .len(),
        1
    );
    let detail: DealDetail = app
        .call(
            HOST_A,
            "get_deal",
            Some(&olivia),
            &[("id", &id.to_string())],
        )
        .await
        .view();
    assert_eq!(detail.comments.len(), 2);
    assert!(detail.comments[0]
        .html
        .contains(r#"<span class="mention">@dana.cole</span>"#));
    assert!(detail.comments[0]
        .html
        .contains("<strong>two more weeks</strong>"));
    assert!(!detail.comments[0].html.contains("<script"));
    assert!(!detail.comments[0]
        .html
        .contains(r#"<span class="mention">@priya.nair"#));
    assert!(detail.history.iter().any(|e| e.what == "Commented"));
}
both!(
    the_conversation_reaches_both_sides_only_test,
    the_conversation_reaches_both_sides_only
);

async fn get_deal(app: &TestApp, cookie: &str, id: i64) -> common::Resp {
    app.call(HOST_A, "get_deal", Some(cookie), &[("id", &id.to_string())])
        .await
}

async fn distributors_act_for_their_resellers(app: &TestApp) {
    let (switches, _) = families(app).await;
    let ines = app.sign_in(HOST_A, "ines@bluepeak.example").await;
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let (bluepeak, harbor) = (
        app.org_id("Bluepeak Distribution").await,
        app.org_id("Harbor IT Services").await,
    );
    // The form offers Bluepeak's resellers; Northwind buys direct.
    let form: app::types::deal::DealForm = app
        .call(HOST_A, "get_deal_form", Some(&ines), &[])
        .await
        .view();
    assert!(form.all_resellers_listed);
    assert!(form
        .resellers
        .iter()
        .any(|(id, _)| *id == harbor.to_string()));
    assert!(!form.resellers.iter().any(|(_, n)| n == "Northwind Systems"));
    let own: app::types::deal::DealForm = app
        .call(HOST_A, "get_deal_form", Some(&olivia), &[])
        .await
        .view();
    assert!(own.resellers.is_empty());

    // A company that is not its reseller is refused by field.
    let base = deal_form("deal-key-two-tier-0001", "Proseware Inc.", switches);
    let base = with(
        &base,
        &[
            ("website", "proseware.com"),
            ("contact_email", "buyer@proseware.com"),
        ],
    );
    // A source must be one of the partner's own activities or campaigns.
    for source in ["request:999999", "campaign:999999", "budget:1"] {
        let res = post(
            app,
            "save_deal",
            &ines,
            &with(&base, &[("sourced_by", source)]),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{source}");
        assert!(res.body.contains("sourced_by"), "{}", res.body);
    }
    for stranger in ["Northwind Systems", "Nobody at all"] {
        let res = post(
            app,
            "save_deal",
            &ines,
            &with(&base, &[("for_partner", stranger)]),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{stranger}");
        assert!(res.body.contains("for_partner"), "{}", res.body);
    }
    let res = post(
        app,
        "save_deal",
        &olivia,
        &with(&base, &[("for_partner", &harbor.to_string())]),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    // By name, any case: the registration records both.
    let form = with(&base, &[("for_partner", "harbor it services")]);
    let id = saved(app, &ines, &form).await;
    let d = row(app, id).await;
    assert_eq!((d.partner_id, d.distributor_id), (harbor, Some(bluepeak)));
    assert!(send(app, &ines, &form, id).await.status.is_success());
    let seen: DealDetail = get_deal(app, &priya, id).await.view();
    assert_eq!(seen.partner_name, "Harbor IT Services");
    assert_eq!(
        seen.distributor_name.as_deref(),
        Some("Bluepeak Distribution")
    );
    assert!(seen.may.withdraw && seen.may.comment);
    assert_eq!(
        get_deal(app, &olivia, id).await.status,
        StatusCode::NOT_FOUND
    );

    // Returned, the distributor changes the flagged part and sends it again.
    let flagged = [
        ("decision", "return"),
        ("reason", "Which site?"),
        ("parts[place]", "on"),
    ];
    assert!(decide(app, &dana, id, &flagged).await.status.is_success());
    let by_ines: DealDetail = get_deal(app, &ines, id).await.view();
    assert!(by_ines.may.edit);
    let changed = with(&form, &[("city", "Redmond"), ("for_partner", "")]);
    let res = send(app, &ines, &changed, id).await;
    assert!(res.status.is_success(), "{}", res.body);
    let d = row(app, id).await;
    assert_eq!(
        (d.status, d.city.as_str()),
        (DealStatus::Submitted, "Redmond")
    );
    assert_eq!(d.partner_id, harbor, "the partner stays the reseller");

    // A reseller's own registration: its distributor acts on it too, a
    // stranger does not.
    let own = deal_form("deal-key-two-tier-0002", "Lucerne Publishing", switches);
    let own = with(
        &own,
        &[
            ("website", "lucernepublishing.com"),
            ("contact_email", "it@lucernepublishing.com"),
        ],
    );
    let id = saved(app, &priya, &own).await;
    assert_eq!(row(app, id).await.distributor_id, Some(bluepeak));
    assert!(send(app, &priya, &own, id).await.status.is_success());
    let version = row(app, id).await.version.to_string();
    let withdraw = [("id", id.to_string()), ("version", version)];
    let withdraw: Vec<(&str, &str)> = withdraw.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app
        .call(HOST_A, "withdraw_deal", Some(&olivia), &withdraw)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .call(HOST_A, "withdraw_deal", Some(&ines), &withdraw)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(row(app, id).await.status, DealStatus::Withdrawn);
}
both!(
    distributors_act_for_their_resellers_test,
    distributors_act_for_their_resellers
);

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF";

async fn files_travel_with_the_registration(app: &TestApp) {
    let (switches, _) = families(app).await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let ines = app.sign_in(HOST_A, "ines@bluepeak.example").await;
    let form = deal_form("deal-key-files-000001", "Wide World Importers", switches);
    let form = with(
        &form,
        &[
            ("website", "wideworldimporters.com"),
            ("contact_email", "buyer@wideworldimporters.com"),
        ],
    );
    let id = saved(app, &olivia, &form).await;
    let upload = |cookie: String, name: &'static str, bytes: &'static [u8]| async move {
        let path = format!("/deals/{id}/files");
        let res = app
            .post_file(HOST_A, &path, &cookie, "file", name, bytes)
            .await;
        res.location().unwrap_or_default()
    };
    // Checked by content, not by name: HTML named .pdf is refused by field.
    let to = upload(olivia.clone(), "quote.pdf", b"<html><script>x()</script>").await;
    assert!(to.contains("file_error=") && to.ends_with("#files"), "{to}");
    let to = upload(olivia.clone(), "", b"").await;
    assert!(to.contains("file_error="), "{to}");
    let to = upload(olivia.clone(), "../Angebot Mai.pdf", PDF).await;
    assert!(to.contains("saved=file"), "{to}");
    let files = |cookie: String| async move {
        let d: DealDetail = app
            .call(
                HOST_A,
                "get_deal",
                Some(&cookie),
                &[("id", &id.to_string())],
            )
            .await
            .view();
        d.files
    };
    let stored = files(olivia.clone()).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].name, "..Angebot Mai.pdf");
    assert!(stored[0].removable);
    let url = format!("/media/deal-files/{}", stored[0].id);
    let got = app.get(HOST_A, &url, Some(&olivia)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body.as_bytes(), PDF);
    // A draft's files stay with the partner; another partner never sees them.
    assert_eq!(
        app.get(HOST_A, &url, Some(&dana)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(HOST_A, &url, Some(&ines)).await.status,
        StatusCode::NOT_FOUND
    );
    let to = upload(ines.clone(), "x.pdf", PDF).await;
    assert!(to.contains("file_error="), "{to}");
    assert!(send(app, &olivia, &form, id).await.status.is_success());
    assert_eq!(
        app.get(HOST_A, &url, Some(&dana)).await.status,
        StatusCode::OK
    );

    // A colleague may not remove Olivia's file; the reviewer may.
    let seen = files(sam.clone()).await;
    assert!(!seen[0].removable);
    let remove = format!("/deals/{id}/files/{}/remove", stored[0].id);
    let res = app.post_form(HOST_A, &remove, Some(&sam), &[]).await;
    assert!(res.location().unwrap_or_default().contains("file_error="));
    assert_eq!(files(dana.clone()).await.len(), 1);
    let res = app.post_form(HOST_A, &remove, Some(&dana), &[]).await;
    assert!(res.location().unwrap_or_default().contains("saved=file"));
    assert!(files(olivia.clone()).await.is_empty());
    assert_eq!(
        app.get(HOST_A, &url, Some(&olivia)).await.status,
        StatusCode::NOT_FOUND
    );
    let d: DealDetail = app
        .call(
            HOST_A,
            "get_deal",
            Some(&olivia),
            &[("id", &id.to_string())],
        )
        .await
        .view();
    let events: Vec<_> = d
        .history
        .iter()
        .map(|e| (e.what.as_str(), e.detail.as_str()))
        .collect();
    assert!(
        events.contains(&("Added a file", "..Angebot Mai.pdf")),
        "{events:?}"
    );
    assert!(
        events.contains(&("Removed a file", "..Angebot Mai.pdf")),
        "{events:?}"
    );
}
both!(
    files_travel_with_the_registration_test,
    files_travel_with_the_registration
);
