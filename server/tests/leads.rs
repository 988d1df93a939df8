//! Lead distribution end to end: a lead is routed to the nearest eligible
//! partner with the decision written down, offered without who it is,
//! declined (routes on), left to run out (the clock), queued when no one
//! is left, routed by hand, accepted, contacted and turned into a deal
//! registration; capacity, pauses and declines are respected, three misses
//! return it to the vendor, a distributor passes one on, a CSV import is
//! all or nothing, and the fairness report counts it all.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{lead, lead_routing, notification, product_family, tenant, territory};
use app::types::lead::{
    Exclusion, FairnessReport, LeadDetail, LeadStatus, LeadsPage, RoutingKind, RoutingReason,
};
use axum::http::StatusCode;
use chrono::Utc;
use common::{TestApp, HOST_A};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

const ADMIN: &str = "admin@acme.example";
const LENA: &str = "lena@nordlicht.example";
const JAN: &str = "jan@eurolink.example";
const OLIVIA: &str = "olivia@northwind.example";
const PRIYA: &str = "priya@harborit.example";
const FELIX: &str = "felix.ortiz@acme.example";

async fn switches(app: &TestApp) -> i64 {
    product_family::Entity::find()
        .order_by_asc(product_family::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn program(app: &TestApp) -> tenant::Model {
    tenant::Entity::find()
        .filter(tenant::Column::Slug.eq("acme"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn row(app: &TestApp, id: i64) -> lead::Model {
    lead::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn call(app: &TestApp, cookie: &str, name: &str, form: &[(&str, &str)]) -> common::Resp {
    app.call(HOST_A, name, Some(cookie), form).await
}

/// Calls `name` on lead `id` at its current version.
async fn act(
    app: &TestApp,
    cookie: &str,
    name: &str,
    id: i64,
    more: &[(&str, &str)],
) -> common::Resp {
    let version = row(app, id).await.version.to_string();
    let id = id.to_string();
    let mut form = vec![("id", id.as_str()), ("version", version.as_str())];
    form.extend_from_slice(more);
    call(app, cookie, name, &form).await
}

async fn detail(app: &TestApp, cookie: &str, id: i64) -> common::Resp {
    call(app, cookie, "get_lead", &[("id", &id.to_string())]).await
}

/// The partner specialises in `family` (set by the vendor admin).
async fn specialise(app: &TestApp, admin: &str, partner: &str, family: i64, capacity: &str) {
    let id = app.org_id(partner).await.to_string();
    let key = format!("families[{family}]");
    let res = call(
        app,
        admin,
        "save_partner_leads",
        &[("partner_id", &id), ("capacity", capacity), (&key, "on")],
    )
    .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
}

/// A Munich lead for `family`; its id.
async fn munich_lead(app: &TestApp, admin: &str, key: &str, family: i64) -> i64 {
    let res = call(
        app,
        admin,
        "create_lead",
        &[
            ("key", key),
            ("company", "Brauerei Aying GmbH"),
            ("contact_name", "Franz Inselkammer"),
            ("contact_email", "it@brauerei-aying.de"),
            ("country", "DE"),
            ("region", "Bayern"),
            ("city", "München"),
            ("postcode", "80331"),
            ("family", &family.to_string()),
            ("segment", "Brewery, 150 staff"),
            ("priority", "high"),
        ],
    )
    .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    res.view()
}

async fn told(app: &TestApp, email: &str, kind: &str) -> usize {
    let user = app.user_id(email).await;
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind.as_str() == kind)
        .count()
}

async fn decisions(app: &TestApp, id: i64) -> Vec<lead_routing::Model> {
    lead_routing::Entity::find()
        .filter(lead_routing::Column::LeadId.eq(id))
        .order_by_asc(lead_routing::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// Makes the lead's offer run out and runs the hourly clocks.
async fn run_out(app: &TestApp, id: i64) {
    let mut active: lead::ActiveModel = row(app, id).await.into();
    active.accept_due_at = Set(Some(Utc::now() - chrono::Duration::minutes(5)));
    active.update(&app.state.db).await.unwrap();
    let t = program(app).await;
    let done = app::ssr::services::leads::clocks::run_for_tenant(&app.state, &t, Utc::now())
        .await
        .unwrap();
    assert_eq!(done.expired, 1);
}

async fn a_lead_goes_round_and_becomes_a_deal(app: &TestApp) {
    let family = switches(app).await;
    let admin = app.sign_in(HOST_A, ADMIN).await;
    let lena = app.sign_in(HOST_A, LENA).await;
    let jan = app.sign_in(HOST_A, JAN).await;
    let olivia = app.sign_in(HOST_A, OLIVIA).await;
    specialise(app, &admin, "Nordlicht Netzwerke", family, "").await;
    specialise(app, &admin, "Eurolink Distribution", family, "").await;
    let nordlicht = app.org_id("Nordlicht Netzwerke").await;
    let eurolink = app.org_id("Eurolink Distribution").await;

    // Bad input is named by field, nothing is lost.
    let res = call(
        app,
        &admin,
        "create_lead",
        &[
            ("key", "lead-key-bad-000001"),
            ("country", "XX"),
            ("coordinates", "north"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["company", "country", "coordinates"] {
        assert!(res.body.contains(field), "{field}: {}", res.body);
    }

    // Nordlicht's postcode area beats Eurolink's whole country.
    let id = munich_lead(app, &admin, "lead-key-munich-00001", family).await;
    let l = row(app, id).await;
    assert_eq!(
        (l.status, l.partner_id),
        (LeadStatus::Offered, Some(nordlicht))
    );
    let first = &decisions(app, id).await[0];
    assert_eq!(first.kind, RoutingKind::Automatic);
    let reason: RoutingReason = serde_json::from_str(&first.reason).unwrap();
    assert!(
        matches!(reason, RoutingReason::Drawn { among: 1, .. }),
        "{reason:?}"
    );
    // Routing weighs ring by ring and stops at the first with a winner:
    // Eurolink, working the whole country, was not needed.
    assert!(
        !first.candidates.contains("Eurolink Distribution"),
        "{}",
        first.candidates
    );
    assert_eq!(told(app, LENA, "lead_offered").await, 1);

    // Before accepting, the partner sees what and where, never who; a
    // stranger sees nothing.
    let seen: LeadDetail = detail(app, &lena, id).await.view();
    assert_eq!(seen.company, None);
    assert_eq!(seen.contact_email, None);
    assert_eq!(seen.segment, "Brewery, 150 staff");
    assert!(seen.may.accept && seen.may.decline);
    assert_eq!(detail(app, &olivia, id).await.status, StatusCode::NOT_FOUND);
    let inbox: LeadsPage = call(app, &lena, "get_leads", &[]).await.view();
    assert_eq!(inbox.offers.len(), 1);
    assert_eq!(inbox.offers[0].company, None);

    // Declined with a reason: it routes on to Eurolink.
    let res = act(app, &lena, "decline_lead", id, &[("reason", "expired")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let res = act(app, &lena, "decline_lead", id, &[("reason", "other")]).await;
    assert!(res.body.contains("note"), "{}", res.body);
    let res = act(app, &lena, "decline_lead", id, &[("reason", "no_capacity")]).await;
    assert!(res.status.is_success(), "{}", res.body);
    let l = row(app, id).await;
    assert_eq!((l.partner_id, l.misses), (Some(eurolink), 1));
    assert_eq!(detail(app, &lena, id).await.status, StatusCode::NOT_FOUND);

    // Eurolink lets it run out: no one is left, it waits in the queue.
    run_out(app, id).await;
    let l = row(app, id).await;
    assert_eq!(
        (l.status, l.partner_id, l.misses),
        (LeadStatus::Queued, None, 2)
    );
    let last = decisions(app, id).await.pop().unwrap();
    assert_eq!(last.kind, RoutingKind::Queued);
    assert!(told(app, ADMIN, "lead_queued").await >= 1);
    let queue: LeadsPage = call(app, &admin, "get_leads", &[("status", "queued")])
        .await
        .view();
    assert_eq!(queue.queued, 1);
    assert_eq!(
        queue.items[0].company.as_deref(),
        Some("Brauerei Aying GmbH")
    );

    // The admin routes it by hand to Nordlicht, with a note: its decline
    // shows, the choice stands.
    let res = act(
        app,
        &admin,
        "route_lead",
        id,
        &[
            ("partner", "Nordlicht Netzwerke"),
            ("note", "They asked for it back."),
        ],
    )
    .await;
    assert!(res.status.is_success(), "{}", res.body);
    let manual = decisions(app, id).await.pop().unwrap();
    assert_eq!(manual.kind, RoutingKind::Manual);
    let weighed: Vec<app::types::lead::Candidate> =
        serde_json::from_str(&manual.candidates).unwrap();
    assert_eq!(weighed[0].excluded, Some(Exclusion::Declined));
    assert_eq!(row(app, id).await.partner_id, Some(nordlicht));

    // Accepted: who it is, and the first-contact clock.
    // Eurolink sees its reseller's lead but does not answer for it.
    let res = act(app, &jan, "accept_lead", id, &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = act(app, &lena, "accept_lead", id, &[]).await;
    assert!(res.status.is_success(), "{}", res.body);
    let seen: LeadDetail = detail(app, &lena, id).await.view();
    assert_eq!(seen.company.as_deref(), Some("Brauerei Aying GmbH"));
    assert!(seen.contact_due.is_some() && seen.may.convert && seen.may.contacted);
    let res = act(app, &lena, "mark_lead_contacted", id, &[]).await;
    assert!(res.status.is_success(), "{}", res.body);

    // Converted: the registration starts from the lead and links it.
    let form: app::types::deal::DealForm =
        call(app, &lena, "get_deal_form", &[("lead", &id.to_string())])
            .await
            .view();
    let prefilled = |f: &str| {
        form.prefill
            .iter()
            .find(|(k, _)| k == f)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        prefilled("customer_name").as_deref(),
        Some("Brauerei Aying GmbH")
    );
    assert_eq!(prefilled("family_1"), Some(family.to_string()));
    let close = (Utc::now() + chrono::Duration::days(40))
        .date_naive()
        .to_string();
    let lead_id = id.to_string();
    let res = call(
        app,
        &lena,
        "save_deal",
        &[
            ("key", "deal-key-from-lead-01"),
            ("lead", &lead_id),
            ("customer_name", "Brauerei Aying GmbH"),
            ("country", "DE"),
            ("city", "München"),
            ("contact_name", "Franz Inselkammer"),
            ("contact_email", "it@brauerei-aying.de"),
            ("currency", "EUR"),
            ("family_1", &family.to_string()),
            ("quantity_1", "12"),
            ("amount_1", "18000"),
            ("expected_close_on", &close),
            ("stage", "qualifying"),
            ("origin", "fulfilment"),
        ],
    )
    .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    let deal: i64 = res.view();
    let l = row(app, id).await;
    assert_eq!((l.status, l.deal_id), (LeadStatus::Converted, Some(deal)));

    // The fairness report counts offers, answers and the conversion.
    let report: FairnessReport = call(app, &admin, "get_lead_fairness", &[("days", "30")])
        .await
        .view();
    let of = |p: i64| {
        report
            .rows
            .iter()
            .find(|r| r.partner_id == p)
            .unwrap()
            .clone()
    };
    let (n, e) = (of(nordlicht), of(eurolink));
    assert_eq!(
        (n.offered, n.accepted, n.declined, n.converted),
        (2, 1, 1, 1)
    );
    assert_eq!((e.offered, e.accepted, e.expired), (1, 0, 1));
    assert_eq!(report.total_offered, 3);
    let res = call(app, &lena, "get_lead_fairness", &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
both!(
    a_lead_goes_round_and_becomes_a_deal_test,
    a_lead_goes_round_and_becomes_a_deal
);

async fn capacity_pauses_and_misses_are_respected(app: &TestApp) {
    let family = switches(app).await;
    let admin = app.sign_in(HOST_A, ADMIN).await;
    let lena = app.sign_in(HOST_A, LENA).await;
    let jan = app.sign_in(HOST_A, JAN).await;
    let priya = app.sign_in(HOST_A, PRIYA).await;
    let nordlicht = app.org_id("Nordlicht Netzwerke").await;
    let eurolink = app.org_id("Eurolink Distribution").await;
    let harbor = app.org_id("Harbor IT Services").await;
    specialise(app, &admin, "Nordlicht Netzwerke", family, "").await;
    // Eurolink takes none this month; Nordlicht pauses for the holidays.
    specialise(app, &admin, "Eurolink Distribution", family, "0").await;
    let until = (Utc::now() + chrono::Duration::days(10))
        .date_naive()
        .to_string();
    let lena_pauses = |until: String| {
        let lena = lena.clone();
        async move {
            let id = nordlicht.to_string();
            call(
                app,
                &lena,
                "pause_leads",
                &[("partner_id", &id), ("paused_until", &until)],
            )
            .await
        }
    };
    let res = lena_pauses("2020-01-01".into()).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(lena_pauses(until).await.status.is_success());
    let res = call(
        app,
        &jan,
        "pause_leads",
        &[("partner_id", &nordlicht.to_string()), ("paused_until", "")],
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "another company's pause");
    let id = munich_lead(app, &admin, "lead-key-paused-00001", family).await;
    let l = row(app, id).await;
    assert_eq!(l.status, LeadStatus::Queued);
    let weighed: Vec<app::types::lead::Candidate> =
        serde_json::from_str(&decisions(app, id).await[0].candidates).unwrap();
    let why = |p: i64| weighed.iter().find(|c| c.partner_id == p).unwrap().excluded;
    assert_eq!(why(nordlicht), Some(Exclusion::Paused));
    assert_eq!(why(eurolink), Some(Exclusion::AtCapacity));

    // Back from holiday, with room again, and Harbor working Bavaria too:
    // three misses in a row return the lead to the vendor.
    assert!(lena_pauses(String::new()).await.status.is_success());
    specialise(app, &admin, "Eurolink Distribution", family, "").await;
    specialise(app, &admin, "Harbor IT Services", family, "").await;
    let t = program(app).await;
    territory::ActiveModel {
        tenant_id: Set(t.id),
        partner_id: Set(harbor),
        country: Set("DE".into()),
        region: Set("Bayern".into()),
        postcode_prefix: Set(String::new()),
        created_by: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let res = act(app, &admin, "route_lead", id, &[]).await;
    assert!(res.status.is_success(), "{}", res.body);
    let holders = [(nordlicht, &lena), (harbor, &priya), (eurolink, &jan)];
    for (partner, cookie) in holders {
        let l = row(app, id).await;
        assert_eq!(
            l.partner_id,
            Some(partner),
            "nearest first: postcode, region, country"
        );
        let res = act(
            app,
            cookie,
            "decline_lead",
            id,
            &[("reason", "not_qualified")],
        )
        .await;
        assert!(res.status.is_success(), "{}", res.body);
    }
    let l = row(app, id).await;
    assert_eq!((l.status, l.misses), (LeadStatus::Queued, 3));
    let last = decisions(app, id).await.pop().unwrap();
    let reason: RoutingReason = serde_json::from_str(&last.reason).unwrap();
    assert_eq!(reason, RoutingReason::ThreeMisses);
}
both!(
    capacity_pauses_and_misses_are_respected_test,
    capacity_pauses_and_misses_are_respected
);

async fn distributors_pass_leads_and_imports_are_all_or_nothing(app: &TestApp) {
    let family = switches(app).await;
    let admin = app.sign_in(HOST_A, ADMIN).await;
    let jan = app.sign_in(HOST_A, JAN).await;
    let lena = app.sign_in(HOST_A, LENA).await;
    let felix = app.sign_in(HOST_A, FELIX).await;
    let eurolink = app.org_id("Eurolink Distribution").await;
    let nordlicht = app.org_id("Nordlicht Netzwerke").await;
    specialise(app, &admin, "Eurolink Distribution", family, "").await;
    // A Berlin lead: only Eurolink (the whole country) works there.
    let res = call(
        app,
        &admin,
        "create_lead",
        &[
            ("key", "lead-key-berlin-00001"),
            ("company", "Spreewerk AG"),
            ("country", "DE"),
            ("city", "Berlin"),
            ("postcode", "10115"),
            ("family", &family.to_string()),
        ],
    )
    .await;
    let id: i64 = res.view();
    assert_eq!(row(app, id).await.partner_id, Some(eurolink));
    let res = act(
        app,
        &jan,
        "pass_lead",
        id,
        &[("reseller", "Northwind Systems")],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = act(
        app,
        &jan,
        "pass_lead",
        id,
        &[
            ("reseller", &nordlicht.to_string()),
            ("note", "Lena covers Berlin for us."),
        ],
    )
    .await;
    assert!(res.status.is_success(), "{}", res.body);
    let l = row(app, id).await;
    assert_eq!(
        (l.partner_id, l.passed_by_id, l.status),
        (Some(nordlicht), Some(eurolink), LeadStatus::Offered)
    );
    assert_eq!(
        decisions(app, id).await.pop().unwrap().kind,
        RoutingKind::Passed
    );
    // The distributor still sees it; the reseller answers it.
    assert_eq!(detail(app, &jan, id).await.status, StatusCode::OK);
    let seen: LeadDetail = detail(app, &lena, id).await.view();
    assert!(seen.may.accept);

    // A CSV with one bad row imports nothing and names the row.
    let before = lead::Entity::find().all(&app.state.db).await.unwrap().len();
    let csv = "company,country,city,product_family,priority\nAlpha GmbH,DE,Köln,,normal\nBeta AG,Narnia,Bonn,,high\n";
    let res = call(app, &admin, "import_leads", &[("csv", csv)]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Row 3"), "{}", res.body);
    assert_eq!(
        lead::Entity::find().all(&app.state.db).await.unwrap().len(),
        before
    );
    let csv = "company,country,city,priority\nAlpha GmbH,DE,Köln,normal\nBeta AG,DE,Bonn,high\n";
    let res = call(app, &admin, "import_leads", &[("csv", csv)]).await;
    assert!(res.status.is_success(), "{}", res.body);
    let imported: usize = res.view();
    assert_eq!(imported, 2);
    assert_eq!(
        lead::Entity::find().all(&app.state.db).await.unwrap().len(),
        before + 2
    );

    // Finance has no lead list; the CSV download keeps offers anonymous.
    assert_eq!(
        call(app, &felix, "get_leads", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let csv = app.get(HOST_A, "/leads/export", Some(&lena)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(!csv.body.contains("Spreewerk"), "{}", csv.body);
    let csv = app.get(HOST_A, "/leads/export", Some(&admin)).await;
    assert!(csv.body.contains("Spreewerk AG"), "{}", csv.body);
}
both!(
    distributors_pass_leads_and_imports_are_all_or_nothing_test,
    distributors_pass_leads_and_imports_are_all_or_nothing
);

async fn certified_leads_go_to_certified_partners(app: &TestApp) {
    use app::ssr::entities::{certification, user_certification};
    let family = switches(app).await;
    let admin = app.sign_in(HOST_A, ADMIN).await;
    specialise(app, &admin, "Nordlicht Netzwerke", family, "").await;
    specialise(app, &admin, "Eurolink Distribution", family, "").await;
    let t = program(app).await;
    let cert = certification::ActiveModel {
        tenant_id: Set(t.id),
        code: Set("NET-PRO".into()),
        name: Set("Network Professional".into()),
        valid_months: Set(24),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    // Jan at Eurolink holds it; Nordlicht, nearer, holds none.
    let held = user_certification::ActiveModel {
        tenant_id: Set(t.id),
        user_id: Set(app.user_id(JAN).await),
        certification_id: Set(cert.id),
        earned_on: Set(Utc::now().date_naive() - chrono::Duration::days(30)),
        expires_on: Set(Utc::now().date_naive() + chrono::Duration::days(300)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let form: app::types::lead::LeadForm = call(app, &admin, "get_lead_form", &[]).await.view();
    assert_eq!(
        form.certifications,
        [(cert.id.to_string(), "Network Professional".to_owned())]
    );
    let create = |key: &'static str, certification: &'static str| {
        let admin = admin.clone();
        async move {
            call(
                app,
                &admin,
                "create_lead",
                &[
                    ("key", key),
                    ("company", "Zertifiziert AG"),
                    ("country", "DE"),
                    ("postcode", "80331"),
                    ("family", &family.to_string()),
                    ("certification", certification),
                ],
            )
            .await
        }
    };
    let res = create("lead-key-cert-unknown1", "NO-SUCH").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("certification"), "{}", res.body);
    let id: i64 = create("lead-key-cert-needed01", "NET-PRO").await.view();
    let eurolink = app.org_id("Eurolink Distribution").await;
    assert_eq!(row(app, id).await.partner_id, Some(eurolink));
    let weighed: Vec<app::types::lead::Candidate> =
        serde_json::from_str(&decisions(app, id).await[0].candidates).unwrap();
    let nordlicht = app.org_id("Nordlicht Netzwerke").await;
    let why = weighed
        .iter()
        .find(|c| c.partner_id == nordlicht)
        .unwrap()
        .excluded;
    assert_eq!(why, Some(Exclusion::NotCertified));
    // An expired certification counts for nothing.
    let mut lapsed: user_certification::ActiveModel = held.into();
    lapsed.expires_on = Set(Utc::now().date_naive() - chrono::Duration::days(1));
    lapsed.update(&app.state.db).await.unwrap();
    let id: i64 = create("lead-key-cert-lapsed01", "Network Professional")
        .await
        .view();
    assert_eq!(row(app, id).await.status, LeadStatus::Queued);
}
both!(
    certified_leads_go_to_certified_partners_test,
    certified_leads_go_to_certified_partners
);
