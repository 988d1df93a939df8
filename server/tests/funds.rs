//! Market development funds: budgets, allocations, fund requests and their
//! review, as an auditable ledger that never goes negative.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::types::funds::{
    ActivityType, AuditRow, ClaimStatus, FundsOverview, RequestDetail, RequestStatus,
};
use app::types::views::Dashboard;
use app::types::Role;
use axum::http::StatusCode;
use common::{TestApp, HOST_A};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn org_id(app: &TestApp, name: &str) -> i64 {
    use app::ssr::entities::organization;
    organization::Entity::find()
        .filter(organization::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn overview(app: &TestApp, cookie: &str) -> FundsOverview {
    let res = app
        .call(HOST_A, "get_funds_overview", Some(cookie), &[])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view()
}

fn fresh_key() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "test-form-key-{:08}-{}",
        N.fetch_add(1, Ordering::SeqCst),
        std::process::id()
    )
}

async fn create_budget(app: &TestApp, cookie: &str, total: &str) -> i64 {
    let key = fresh_key();
    let res = app
        .call(
            HOST_A,
            "create_budget",
            Some(cookie),
            &[
                ("key", &key),
                ("name", "FY27 Q1 MDF"),
                ("kind", "marketing"),
                ("currency", "USD"),
                ("total", total),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-03-31"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    overview(app, cookie).await.budgets[0].id
}

async fn allocate(
    app: &TestApp,
    cookie: &str,
    budget: i64,
    target: &str,
    amount: &str,
) -> common::Resp {
    allocate_with_key(app, cookie, &fresh_key(), budget, target, amount).await
}

async fn allocate_with_key(
    app: &TestApp,
    cookie: &str,
    key: &str,
    budget: i64,
    target: &str,
    amount: &str,
) -> common::Resp {
    app.call(
        HOST_A,
        "allocate_funds",
        Some(cookie),
        &[
            ("key", key),
            ("budget_id", &budget.to_string()),
            ("target", target),
            ("amount", amount),
        ],
    )
    .await
}

fn request_form<'a>(
    key: &'a str,
    allocation: &'a str,
    title: &'a str,
    amount: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("key", key),
        ("allocation_id", allocation),
        ("activity_type", "webinar"),
        ("title", title),
        (
            "description",
            "Webinar on campus Wi-Fi for 200 IT leads in Seattle.",
        ),
        ("starts_on", "2027-02-10"),
        ("ends_on", "2027-02-10"),
        ("amount", amount),
        ("partner_share", "500"),
        ("expected_leads", "40"),
        ("expected_attendees", "200"),
        ("expected_pipeline", "250000"),
    ]
}

async fn request_detail(app: &TestApp, cookie: &str, id: i64) -> common::Resp {
    app.call(
        HOST_A,
        "get_fund_request",
        Some(cookie),
        &[("id", &id.to_string())],
    )
    .await
}

async fn newest_request_id(app: &TestApp) -> i64 {
    use app::ssr::entities::fund_request;
    use sea_orm::QueryOrder;
    fund_request::Entity::find()
        .order_by_desc(fund_request::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The guard counter and the ledger agree for every allocation.
async fn assert_ledger_consistent(app: &TestApp) {
    use app::ssr::entities::fund_allocation;
    let allocations = fund_allocation::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    let ids: Vec<i64> = allocations.iter().map(|a| a.id).collect();
    let tenant = allocations.first().map(|a| a.tenant_id).unwrap_or(1);
    let balances = app::ssr::repo::funds::balances_by_allocation(&app.state.db, tenant, ids)
        .await
        .unwrap();
    for a in allocations {
        let b = &balances[&a.id];
        assert!(a.available_minor >= 0, "allocation {} went negative", a.id);
        assert_eq!(
            b.available, a.available_minor,
            "ledger and counter agree for allocation {}",
            a.id
        );
        assert_eq!(b.allocated, a.amount_minor);
    }
    // The same check `server verify` runs after reliability runs agrees.
    let report = app::ssr::services::funds::verify::ledger(&app.state.db)
        .await
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

async fn lifecycle(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let bad = app
        .call(
            HOST_A,
            "create_budget",
            Some(&admin),
            &[
                ("key", "lifecycle-bad-budget-key"),
                ("name", ""),
                ("kind", "marketing"),
                ("currency", "XYZ"),
                ("total", "0"),
                ("starts_on", "2027-03-01"),
                ("ends_on", "2027-01-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.body.clone();
    for m in [
        "Enter a budget name",
        "Choose a currency",
        "end on or after",
    ] {
        assert!(text.contains(m), "{m}: {text}");
    }
    let budget = create_budget(app, &admin, "50,000.00").await;
    let northwind = org_id(app, "Northwind Systems").await;
    assert!(
        allocate(app, &admin, budget, &format!("p:{northwind}"), "10000")
            .await
            .status
            .is_success()
    );
    let over = allocate(app, &admin, budget, "t:gold", "45,000").await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.body
            .contains("Only $40,000.00 of this budget is still unallocated"),
        "{}",
        over.body
    );
    // A double submit of the same allocation form allocates once.
    let key = fresh_key();
    assert!(
        allocate_with_key(app, &admin, &key, budget, "t:gold", "5,000")
            .await
            .status
            .is_success()
    );
    assert!(
        allocate_with_key(app, &admin, &key, budget, "t:gold", "5,000")
            .await
            .status
            .is_success()
    );
    let o = overview(app, &admin).await;
    assert_eq!(o.budgets[0].unallocated_minor, 3_500_000);
    assert_eq!(o.budgets[0].balances.allocated, 1_500_000);

    let history = overview(app, &admin).await.budgets[0]
        .history
        .iter()
        .map(|a| a.detail.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        history.contains("$10,000.00 allocated to Northwind Systems")
            && history.contains("Budget of $50,000.00 created"),
        "{history}"
    );

    // The partner sees its own allocation only (Northwind is Platinum, not in the Gold pool).
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let mine = overview(app, &olivia).await;
    assert_eq!(mine.budgets.len(), 0);
    let allocations = mine.allocations;
    assert_eq!(allocations.len(), 1);
    assert_eq!(allocations[0].balances.available, 1_000_000);
    let allocation = allocations[0].id.to_string();

    let too_much = app
        .call(
            HOST_A,
            "submit_fund_request",
            Some(&olivia),
            &request_form("key-0001-too-much-xx", &allocation, "Big", "12000"),
        )
        .await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_much.body.contains("Only $10,000.00 is available"),
        "{}",
        too_much.body
    );

    // A double submit creates one request.
    let form = request_form(
        "key-0002-webinar-abcd",
        &allocation,
        "Campus Wi-Fi webinar",
        "4,000.00",
    );
    assert!(app
        .call(HOST_A, "submit_fund_request", Some(&olivia), &form)
        .await
        .status
        .is_success());
    assert!(app
        .call(HOST_A, "submit_fund_request", Some(&olivia), &form)
        .await
        .status
        .is_success());
    assert_eq!(overview(app, &olivia).await.requests.len(), 1);
    let id = newest_request_id(app).await;

    // Review: only reviewers who see the partner.
    let raj = app.sign_in(HOST_A, "raj.patel@acme.example").await;
    assert_eq!(
        request_detail(app, &raj, id).await.status,
        StatusCode::NOT_FOUND
    );
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    assert_eq!(
        request_detail(app, &priya, id).await.status,
        StatusCode::NOT_FOUND
    );
    let felix = app.sign_in(HOST_A, "felix.ortiz@acme.example").await;
    let finance = app
        .call(
            HOST_A,
            "decide_fund_request",
            Some(&felix),
            &[
                ("id", &id.to_string()),
                ("version", "1"),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(finance.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.call(
            HOST_A,
            "create_budget",
            Some(&olivia),
            &[
                ("key", "partner-budget-key-0001"),
                ("name", "x"),
                ("kind", "marketing"),
                ("currency", "USD"),
                ("total", "1"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-01-02")
            ]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    assert_eq!(overview(app, &dana).await.queue[0].id, id);
    let no_reason = app
        .call(
            HOST_A,
            "decide_fund_request",
            Some(&dana),
            &[
                ("id", &id.to_string()),
                ("version", "1"),
                ("decision", "approve"),
                ("amount", "3000"),
            ],
        )
        .await;
    assert_eq!(
        no_reason.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "partial approval needs a reason"
    );
    let ok = app
        .call(
            HOST_A,
            "decide_fund_request",
            Some(&dana),
            &[
                ("id", &id.to_string()),
                ("version", "1"),
                ("decision", "approve"),
                ("amount", "3,000"),
                ("reason", "Venue costs capped at $3k"),
            ],
        )
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    let stale = app
        .call(
            HOST_A,
            "decide_fund_request",
            Some(&dana),
            &[
                ("id", &id.to_string()),
                ("version", "1"),
                ("decision", "reject"),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    let detail = request_detail(app, &olivia, id)
        .await
        .view::<RequestDetail>();
    assert_eq!(detail.status, RequestStatus::Approved);
    assert_eq!(detail.approved_minor, Some(300_000));
    let trail: Vec<String> = detail
        .audit
        .iter()
        .map(|a| format!("{} {}", a.actor, a.detail))
        .collect();
    assert_eq!(
        trail,
        vec![
            "Olivia Bennett Requested $4,000.00",
            "Dana Cole Approved $3,000.00: Venue costs capped at $3k"
        ]
    );
    let b = &overview(app, &olivia).await.allocations[0].balances;
    assert_eq!((b.reserved, b.available), (300_000, 700_000));
    assert_ledger_consistent(app).await;

    // The partner hears of the decision: under the bell and by mail.
    let told = app
        .call(HOST_A, "get_notifications", Some(&olivia), &[])
        .await
        .view::<app::types::notification::NotificationsPage>();
    assert_eq!(
        told.items[0].sentence, "Fund request “Campus Wi-Fi webinar”: Approved",
        "{told:?}"
    );
    app.run_jobs().await;
    assert!(
        app.outbox()
            .iter()
            .any(|m| m.contains("To: olivia@northwind.example")
                && m.contains("Venue costs capped at $3k")
                && m.contains("/funds/requests/")),
        "decision mailed"
    );

    // Changes requested, then resubmitted, then rejected.
    let form = request_form(
        "key-0003-trade-show-x",
        &allocation,
        "Trade show booth",
        "2000",
    );
    app.call(HOST_A, "submit_fund_request", Some(&olivia), &form)
        .await;
    let second = newest_request_id(app).await;
    let s = second.to_string();
    assert!(app
        .call(
            HOST_A,
            "decide_fund_request",
            Some(&dana),
            &[
                ("id", &s),
                ("version", "1"),
                ("decision", "changes"),
                ("reason", "Add the booth size")
            ]
        )
        .await
        .status
        .is_success());
    let mut again = request_form(
        "ignored-on-resubmit-x",
        &allocation,
        "Trade show booth 3x3",
        "1,500",
    );
    again.retain(|(k, _)| *k != "key");
    again.push(("id", &s));
    again.push(("version", "2"));
    let res = app
        .call(HOST_A, "resubmit_fund_request", Some(&olivia), &again)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert!(app
        .call(
            HOST_A,
            "decide_fund_request",
            Some(&dana),
            &[
                ("id", &s),
                ("version", "3"),
                ("decision", "reject"),
                ("reason", "Out of region")
            ]
        )
        .await
        .status
        .is_success());
    let d = request_detail(app, &olivia, second)
        .await
        .view::<RequestDetail>();
    assert_eq!(d.status, RequestStatus::Rejected);
    assert!(d.can_resubmit);
    assert_eq!(d.requested_minor, 150_000);
    assert_ledger_consistent(app).await;
}
both!(fund_request_lifecycle, lifecycle);
async fn request_filters(app: &TestApp) {
    lifecycle(app).await;
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let titles =
        |v: FundsOverview| -> Vec<String> { v.requests.into_iter().map(|r| r.title).collect() };
    let admin = &admin;
    let with = |pairs: Vec<(&'static str, String)>| async move {
        let form: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = app
            .call(HOST_A, "get_funds_overview", Some(admin), &form)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        titles(res.view())
    };
    assert_eq!(
        with(vec![("filter[status]", "rejected".into())]).await,
        vec!["Trade show booth 3x3"]
    );
    assert_eq!(
        with(vec![("filter[status]", "approved".into())]).await,
        vec!["Campus Wi-Fi webinar"]
    );
    assert_eq!(
        with(vec![("filter[region]", "emea".into())]).await,
        Vec::<String>::new()
    );
    assert_eq!(
        with(vec![
            ("filter[region]", "na".into()),
            ("filter[activity_type]", "webinar".into())
        ])
        .await
        .len(),
        2
    );
    let northwind = org_id(app, "Northwind Systems").await.to_string();
    assert_eq!(with(vec![("filter[partner_id]", northwind)]).await.len(), 2);
    // A typed name works as well as the picker's id; an unknown one matches nothing.
    assert_eq!(
        with(vec![("filter[partner_id]", "northwind systems".into())])
            .await
            .len(),
        2
    );
    assert_eq!(
        with(vec![("filter[partner_id]", "Nobody Ltd".into())]).await,
        Vec::<String>::new()
    );
    assert_eq!(
        with(vec![("filter[from]", "2027-02-11".into())]).await,
        Vec::<String>::new()
    );
    assert_eq!(
        with(vec![("filter[to]", "2027-02-10".into())]).await.len(),
        2
    );
}
both!(vendor_filters_requests, request_filters);

async fn concurrent_approvals(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let budget = create_budget(app, &admin, "1000").await;
    let northwind = org_id(app, "Northwind Systems").await;
    assert!(
        allocate(app, &admin, budget, &format!("p:{northwind}"), "1000")
            .await
            .status
            .is_success()
    );
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let allocation = overview(app, &olivia).await.allocations[0].id.to_string();
    let mut ids = Vec::new();
    for i in 0..10 {
        let key = format!("concurrent-key-{i:04}-abcdef");
        let res = app
            .call(
                HOST_A,
                "submit_fund_request",
                Some(&olivia),
                &request_form(&key, &allocation, &format!("Event {i}"), "300"),
            )
            .await;
        assert!(res.status.is_success(), "{}", res.body);
        ids.push(newest_request_id(app).await);
    }
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let mut tasks = tokio::task::JoinSet::new();
    for id in ids {
        let router = app.router.clone();
        let cookie = dana.clone();
        tasks.spawn(async move {
            use axum::body::Body;
            use axum::http::{header, Request};
            use tower::ServiceExt;
            let body = common::encode_form(&[
                ("id", &id.to_string()),
                ("version", "1"),
                ("decision", "approve"),
            ]);
            let req = Request::post("/api/decide_fund_request")
                .header(header::HOST, HOST_A)
                .header(header::ORIGIN, format!("http://{HOST_A}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, cookie)
                .body(Body::from(body))
                .unwrap();
            router.oneshot(req).await.unwrap().status()
        });
    }
    let mut approved = 0;
    let mut refused = 0;
    while let Some(status) = tasks.join_next().await {
        match status.unwrap() {
            s if s.is_success() => approved += 1,
            StatusCode::CONFLICT => refused += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!((approved, refused), (3, 7), "three 300s fit in 1,000");
    let b = &overview(app, &olivia).await.allocations[0].balances;
    assert_eq!((b.reserved, b.available), (90_000, 10_000));
    assert_ledger_consistent(app).await;
}
both!(concurrent_approvals_never_overdraw, concurrent_approvals);

async fn post_proof(
    app: &TestApp,
    cookie: &str,
    id: i64,
    files: &[(&str, Vec<u8>)],
) -> common::Resp {
    use axum::body::Body;
    use axum::http::{header, Request};
    let boundary = "----prmproofboundary";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"proof\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let req = Request::post(format!("/funds/requests/{id}/proof"))
        .header(header::HOST, HOST_A)
        .header(header::ORIGIN, format!("http://{HOST_A}"))
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn approved_request(
    app: &TestApp,
    olivia: &str,
    dana: &str,
    allocation: &str,
    key: &str,
    amount: &str,
    dates: (&str, &str),
) -> i64 {
    let mut form = request_form(key, allocation, "Regional roadshow", amount);
    form.retain(|(k, _)| *k != "starts_on" && *k != "ends_on");
    form.push(("starts_on", dates.0));
    form.push(("ends_on", dates.1));
    let res = app
        .call(HOST_A, "submit_fund_request", Some(olivia), &form)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let id = newest_request_id(app).await;
    let ok = app
        .call(
            HOST_A,
            "decide_fund_request",
            Some(dana),
            &[
                ("id", &id.to_string()),
                ("version", "1"),
                ("decision", "approve"),
            ],
        )
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    id
}

/// The audit trail as "actor detail" lines.
fn trail(rows: &[AuditRow]) -> String {
    rows.iter()
        .map(|a| format!("{} {}", a.actor, a.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

fn claim_version(detail: &RequestDetail) -> String {
    detail.claim.as_ref().unwrap().version.to_string()
}

async fn claims_lifecycle(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let budget = create_budget(app, &admin, "10000").await;
    let northwind = org_id(app, "Northwind Systems").await;
    assert!(
        allocate(app, &admin, budget, &format!("p:{northwind}"), "5000")
            .await
            .status
            .is_success()
    );
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let felix = app.sign_in(HOST_A, "felix.ortiz@acme.example").await;
    let allocation = overview(app, &olivia).await.allocations[0].id.to_string();
    let id = approved_request(
        app,
        &olivia,
        &dana,
        &allocation,
        "claims-key-0001-abcdef",
        "2000",
        ("2027-02-10", "2027-02-10"),
    )
    .await;
    let s = id.to_string();

    assert_eq!(
        app.call(
            HOST_A,
            "submit_claim",
            Some(&olivia),
            &[("id", &s), ("version", "1")]
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let over = app
        .call(
            HOST_A,
            "save_claim",
            Some(&olivia),
            &[
                ("id", &s),
                ("actual", "2,500"),
                ("results", "120 attendees"),
            ],
        )
        .await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.body.contains("at most the approved $2,000.00"),
        "{}",
        over.body
    );
    let saved = app
        .call(
            HOST_A,
            "save_claim",
            Some(&olivia),
            &[
                ("id", &s),
                ("actual", "1,800"),
                ("actual_leads", "35"),
                ("actual_attendees", "120"),
                ("results", "120 attendees, 35 qualified leads"),
            ],
        )
        .await;
    assert!(saved.status.is_success(), "{}", saved.body);

    // Proof: refused by content, size and emptiness; nothing stored for those.
    for (name, bytes, message) in [
        (
            "invoice.pdf",
            b"MZ\x90\0 not a pdf".to_vec(),
            "PDF%2C%20JPEG%2C%20PNG%20or%20HEIC",
        ),
        (
            "photo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>fetch('/api/pay_claim')</script></svg>".to_vec(),
            "PDF%2C%20JPEG%2C%20PNG%20or%20HEIC",
        ),
        (
            "invoice.html",
            b"<!doctype html><script>alert(1)</script>".to_vec(),
            "PDF%2C%20JPEG%2C%20PNG%20or%20HEIC",
        ),
        (
            "polyglot.pdf",
            b"%PDF-1.4\n%<html><body><script>alert(1)</script>\n%%EOF".to_vec(),
            "PDF%2C%20JPEG%2C%20PNG%20or%20HEIC",
        ),
        ("empty.pdf", Vec::new(), "empty"),
        (
            "huge.pdf",
            [b"%PDF-1.7\n".to_vec(), vec![b'0'; 10 * 1024 * 1024]].concat(),
            "larger%20than%2010%20MB",
        ),
    ] {
        let res = post_proof(app, &olivia, id, &[(name, bytes)]).await;
        let location = res.location().unwrap_or_default();
        assert!(
            location.contains("proof_error=") && location.contains(message),
            "{name}: {location}"
        );
    }
    let detail = request_detail(app, &olivia, id)
        .await
        .view::<RequestDetail>();
    assert_eq!(detail.claim.as_ref().unwrap().files.len(), 0);
    let no_proof = app
        .call(
            HOST_A,
            "submit_claim",
            Some(&olivia),
            &[("id", &s), ("version", &claim_version(&detail))],
        )
        .await;
    assert_eq!(no_proof.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_proof.body.contains("at least one proof"),
        "{}",
        no_proof.body
    );
    let jpeg = [vec![0xFF, 0xD8, 0xFF, 0xE0], vec![0u8; 64]].concat();
    let ok = post_proof(
        app,
        &olivia,
        id,
        &[
            ("invoice.pdf", b"%PDF-1.7\n%%EOF".to_vec()),
            ("booth.jpg", jpeg),
        ],
    )
    .await;
    assert_eq!(
        ok.location().as_deref(),
        Some(&*format!("/funds/requests/{id}?saved=proof"))
    );
    let detail = request_detail(app, &olivia, id)
        .await
        .view::<RequestDetail>();
    let files = detail.claim.as_ref().unwrap().files.clone();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].content_type, "application/pdf");
    let file_id = files[0].id;
    let pdf = app
        .get(HOST_A, &format!("/media/proof/{file_id}"), Some(&olivia))
        .await;
    assert_eq!(
        (pdf.status, pdf.headers["content-type"].to_str().unwrap()),
        (StatusCode::OK, "application/pdf")
    );
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    assert_eq!(
        app.get(HOST_A, &format!("/media/proof/{file_id}"), Some(&priya))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let submitted = app
        .call(
            HOST_A,
            "submit_claim",
            Some(&olivia),
            &[("id", &s), ("version", &claim_version(&detail))],
        )
        .await;
    assert!(submitted.status.is_success(), "{}", submitted.body);
    assert_eq!(
        overview(app, &dana).await.claim_queue[0].id,
        id,
        "the reviewer's claim queue"
    );
    let detail = request_detail(app, &dana, id).await.view::<RequestDetail>();
    assert!(detail.claim.as_ref().unwrap().can_review);
    let v = claim_version(&detail);
    let partial = app
        .call(
            HOST_A,
            "review_claim",
            Some(&dana),
            &[
                ("id", &s),
                ("version", &v),
                ("decision", "approve"),
                ("claim_amount", "1700"),
            ],
        )
        .await;
    assert_eq!(
        partial.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "partial approval needs a reason"
    );
    let approved = app
        .call(
            HOST_A,
            "review_claim",
            Some(&dana),
            &[
                ("id", &s),
                ("version", &v),
                ("decision", "approve"),
                ("claim_amount", "1,700"),
                ("claim_reason", "Catering not eligible"),
            ],
        )
        .await;
    assert!(approved.status.is_success(), "{}", approved.body);
    let b = overview(app, &olivia).await.allocations[0].balances.clone();
    assert_eq!((b.reserved, b.claimed, b.available), (0, 170_000, 330_000));

    let to_pay = overview(app, &felix).await;
    assert_eq!(
        (to_pay.claim_queue_title.as_str(), to_pay.claim_queue[0].id),
        ("Claims to pay", id)
    );
    let detail = request_detail(app, &felix, id)
        .await
        .view::<RequestDetail>();
    assert_eq!(detail.status, RequestStatus::Closed);
    let v = claim_version(&detail);
    let not_finance = app
        .call(
            HOST_A,
            "pay_claim",
            Some(&dana),
            &[
                ("id", &s),
                ("version", &v),
                ("paid_on", "2027-03-01"),
                ("payment_reference", "PAY-1"),
            ],
        )
        .await;
    assert_eq!(not_finance.status, StatusCode::FORBIDDEN);
    let missing = app
        .call(
            HOST_A,
            "pay_claim",
            Some(&felix),
            &[
                ("id", &s),
                ("version", &v),
                ("paid_on", ""),
                ("payment_reference", ""),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let paid = app
        .call(
            HOST_A,
            "pay_claim",
            Some(&felix),
            &[
                ("id", &s),
                ("version", &v),
                ("paid_on", "2027-03-01"),
                ("payment_reference", "PAY-2027-0042"),
            ],
        )
        .await;
    assert!(paid.status.is_success(), "{}", paid.body);
    let b = overview(app, &olivia).await.allocations[0].balances.clone();
    assert_eq!((b.claimed, b.paid, b.available), (0, 170_000, 330_000));
    // Dashboards show the same figures on both sides.
    let home = |cookie: String| async move {
        app.call(HOST_A, "get_dashboard", Some(&cookie), &[])
            .await
            .view::<Dashboard>()
    };
    let Dashboard::Partner(partner_home) = home(olivia.clone()).await else {
        panic!("a partner gets the partner dashboard");
    };
    assert_eq!(partner_home.funds[0].balances.paid, 170_000);
    let Dashboard::Vendor(vendor_home) = home(admin.clone()).await else {
        panic!("a vendor admin gets the vendor dashboard");
    };
    let vendor_funds = &vendor_home.funds[0].balances;
    assert_eq!(
        (vendor_funds.paid, vendor_funds.allocated),
        (170_000, 500_000)
    );
    let roi = overview(app, &admin).await.roi.clone();
    assert_eq!(roi[0].activity_type, ActivityType::Webinar);
    assert_eq!(
        (roi[0].claims, roi[0].spent_minor, roi[0].leads),
        (1, 170_000, 35)
    );
    assert_eq!(
        overview(app, &olivia).await.roi.len(),
        0,
        "partners don't see program ROI"
    );
    let d = request_detail(app, &olivia, id)
        .await
        .view::<RequestDetail>();
    assert_eq!(d.claim.as_ref().unwrap().status, ClaimStatus::Paid);
    assert_eq!(
        d.claim.as_ref().unwrap().payment_reference.as_deref(),
        Some("PAY-2027-0042")
    );
    assert!(trail(&d.audit).contains("Paid $1,700.00 on 2027-03-01"));
    assert_ledger_consistent(app).await;

    // A late claim is refused with the deadline; closing releases the reservation.
    let late = approved_request(
        app,
        &olivia,
        &dana,
        &allocation,
        "claims-key-0002-late01",
        "300",
        ("2026-01-10", "2026-01-11"),
    )
    .await;
    let refused = app
        .call(
            HOST_A,
            "save_claim",
            Some(&olivia),
            &[
                ("id", &late.to_string()),
                ("actual", "300"),
                ("results", "done"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .body
            .contains("deadline for this activity was 12 Mar 2026"),
        "{}",
        refused.body
    );
    let closed = app
        .call(
            HOST_A,
            "close_fund_request",
            Some(&olivia),
            &[("id", &late.to_string())],
        )
        .await;
    assert!(closed.status.is_success(), "{}", closed.body);
    let b = overview(app, &olivia).await.allocations[0].balances.clone();
    assert_eq!((b.reserved, b.available), (0, 330_000));
    assert_ledger_consistent(app).await;
}
both!(claims_lifecycle_test, claims_lifecycle);

async fn ledger_export(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let budget = create_budget(app, &admin, "2,500.50").await;
    let bluepeak = org_id(app, "Bluepeak Distribution").await;
    assert!(
        allocate(app, &admin, budget, &format!("p:{bluepeak}"), "1,000.25")
            .await
            .status
            .is_success()
    );
    // A title typed as a spreadsheet formula stays text in the export.
    let ines = app.sign_in(HOST_A, "ines@bluepeak.example").await;
    let allocation = overview(app, &ines).await.allocations[0].id.to_string();
    let formula = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    let res = app
        .call(
            HOST_A,
            "submit_fund_request",
            Some(&ines),
            &request_form("ledger-formula-0001", &allocation, formula, "100"),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let id = newest_request_id(app).await.to_string();
    let ok = app
        .call(
            HOST_A,
            "decide_fund_request",
            Some(&dana),
            &[("id", &id), ("version", "1"), ("decision", "approve")],
        )
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    let felix = app.sign_in(HOST_A, "felix.ortiz@acme.example").await;
    let res = app.get(HOST_A, "/funds/ledger/export", Some(&felix)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body
            .contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\""),
        "{}",
        res.body
    );
    assert!(!res.body.contains(",=HYPERLINK"), "{}", res.body);
    assert!(res.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("funds-ledger.csv"));
    let lines: Vec<&str> = res.body.lines().collect();
    assert_eq!(
        lines[0],
        "entry,date_utc,budget,holder,request,request_title,kind,amount,currency,actor,reason"
    );
    assert!(lines[1].contains(",FY27 Q1 MDF,Bluepeak Distribution,,,credit,1000.25,USD,Alex Morgan,Allocated to Bluepeak Distribution"), "{}", lines[1]);
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    assert_eq!(
        app.get(HOST_A, "/funds/ledger/export", Some(&olivia))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(HOST_A, "/funds/ledger/export", Some(&dana))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}
both!(ledger_exports_as_csv_for_finance, ledger_export);

async fn deadlines(app: &TestApp) {
    use app::ssr::services::funds::deadlines::{run_once, Outcome};
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let budget = create_budget(app, &admin, "5000").await;
    let northwind = org_id(app, "Northwind Systems").await;
    assert!(
        allocate(app, &admin, budget, &format!("p:{northwind}"), "5000")
            .await
            .status
            .is_success()
    );
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let allocation = overview(app, &olivia).await.allocations[0].id.to_string();
    let id = approved_request(
        app,
        &olivia,
        &dana,
        &allocation,
        "deadline-key-0001-abcd",
        "1200",
        ("2027-02-10", "2027-02-10"),
    )
    .await;

    // Deadline is 2027-04-11 (60 days). Nothing to do early; one reminder a week before.
    assert_eq!(
        run_once(&app.state, day("2027-04-01")).await.unwrap(),
        Outcome::default()
    );
    // On the day, as the server runs it: the recurring pass on the queue.
    let morning = chrono::DateTime::parse_from_rfc3339("2027-04-06T07:00:00Z").unwrap();
    let queued = app::ssr::jobs::recurring::schedule(&app.state, morning.to_utc()).await;
    // Each recurring task's pass for the one program.
    assert_eq!(queued.unwrap(), app::types::job::RecurringTask::ALL.len());
    app.run_jobs().await;
    let run = app::ssr::entities::recurring_run::Entity::find()
        .filter(
            app::ssr::entities::recurring_run::Column::Task
                .eq(app::types::job::RecurringTask::ClaimDeadlines),
        )
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (run.period.as_str(), run.items),
        ("2027-04-06", 1),
        "one reminder"
    );
    assert_eq!(
        run_once(&app.state, day("2027-04-07")).await.unwrap(),
        Outcome::default(),
        "reminded once"
    );
    app.run_jobs().await;
    let mails: Vec<String> = app
        .outbox()
        .into_iter()
        .filter(|m| m.contains("claim due by 11 Apr 2027"))
        .collect();
    assert_eq!(mails.len(), 2, "both Northwind users are reminded");
    assert!(mails
        .iter()
        .any(|m| m.contains("To: olivia@northwind.example")));

    // After the deadline the reservation goes back.
    assert_eq!(
        run_once(&app.state, day("2027-04-12")).await.unwrap(),
        Outcome {
            reminded: 0,
            expired: 1
        }
    );
    let d = request_detail(app, &olivia, id)
        .await
        .view::<RequestDetail>();
    assert_eq!(d.status, RequestStatus::Closed);
    assert!(trail(&d.audit).contains("Partner portal"), "{:?}", d.audit);
    let b = overview(app, &olivia).await.allocations[0].balances.clone();
    assert_eq!((b.reserved, b.available), (0, 500_000));
    assert_eq!(
        run_once(&app.state, day("2027-04-13")).await.unwrap(),
        Outcome::default()
    );
    assert_ledger_consistent(app).await;
}
both!(claim_deadlines_remind_then_expire, deadlines);

async fn coop_accruals(app: &TestApp) {
    use app::ssr::entities::fund_revenue;
    use sea_orm::PaginatorTrait;
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let key = fresh_key();
    let no_percent = app
        .call(
            HOST_A,
            "create_budget",
            Some(&admin),
            &[
                ("key", &key),
                ("name", "Co-op 2027"),
                ("kind", "coop"),
                ("currency", "USD"),
                ("total", "10000"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-12-31"),
            ],
        )
        .await;
    assert!(
        no_percent.body.contains("share of partner revenue"),
        "{}",
        no_percent.body
    );
    let res = app
        .call(
            HOST_A,
            "create_budget",
            Some(&admin),
            &[
                ("key", &key),
                ("name", "Co-op 2027"),
                ("kind", "coop"),
                ("currency", "USD"),
                ("total", "10000"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-12-31"),
                ("coop_percent", "2.5"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let budget = overview(app, &admin).await.budgets[0].id.to_string();
    let northwind = org_id(app, "Northwind Systems").await.to_string();
    let record = |period: &'static str, revenue: &'static str| {
        let (budget, northwind, admin) = (budget.clone(), northwind.clone(), admin.clone());
        async move {
            app.call(
                HOST_A,
                "record_revenue",
                Some(&admin),
                &[
                    ("budget_id", &budget),
                    ("partner_id", &northwind),
                    ("period", period),
                    ("revenue", revenue),
                ],
            )
            .await
        }
    };
    assert!(record("2027-01", "100,000").await.status.is_success());
    let again = record("2027-01", "5").await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already recorded"), "{}", again.body);
    assert!(record("2027-13", "5").await.body.contains("2027-Q1"));
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let coop = overview(app, &olivia).await.allocations[0].clone();
    assert_eq!(
        (coop.budget_name.as_str(), coop.balances.available),
        ("Co-op 2027", 250_000)
    );

    let bad = "partner,period,revenue\nNo Such Co,2027-01,10\nHarbor IT Services,Jan,10\nCobalt Integration Group,2027-Q1,ten\nNorthwind Systems,2027-01,1\nHarbor IT Services,2027-02,40000\nHarbor IT Services,2027-02,1\n";
    let refused = app
        .call(
            HOST_A,
            "import_revenue",
            Some(&admin),
            &[("budget_id", &budget), ("csv", bad)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for part in [
        "Row 2: no partner named",
        "Row 3: period",
        "Row 4: revenue",
        "Row 5: Northwind Systems already has revenue for 2027-01",
        "Row 7: Harbor IT Services for 2027-02 appears twice",
    ] {
        assert!(refused.body.contains(part), "{part}: {}", refused.body);
    }
    assert_eq!(
        fund_revenue::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1,
        "nothing imported"
    );
    let good = "Partner,Period,Revenue\nHarbor IT Services,2027-02,\"40,000.00\"\ncobalt integration group,2027-Q1,80000\n";
    let ok = app
        .call(
            HOST_A,
            "import_revenue",
            Some(&admin),
            &[("budget_id", &budget), ("csv", good)],
        )
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    assert_eq!(
        overview(app, &admin).await.budgets[0].unallocated_minor,
        1_000_000 - 250_000 - 100_000 - 200_000
    );
    let too_much = app
        .call(
            HOST_A,
            "import_revenue",
            Some(&admin),
            &[
                ("budget_id", &budget),
                (
                    "csv",
                    "partner,period,revenue\nHarbor IT Services,2027-03,1000000\n",
                ),
            ],
        )
        .await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_much
            .body
            .contains("only $4,500.00 of the budget is left"),
        "{}",
        too_much.body
    );
    assert_ledger_consistent(app).await;
}
both!(coop_budgets_accrue_from_revenue, coop_accruals);

async fn claim_window_setting(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let budget = create_budget(app, &admin, "1000").await;
    let northwind = org_id(app, "Northwind Systems").await;
    assert!(
        allocate(app, &admin, budget, &format!("p:{northwind}"), "1000")
            .await
            .status
            .is_success()
    );
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let allocation = overview(app, &olivia).await.allocations[0].id.to_string();
    let id = approved_request(
        app,
        &olivia,
        &dana,
        &allocation,
        "window-key-0001-abcdef",
        "100",
        ("2027-02-10", "2027-02-10"),
    )
    .await;
    assert_eq!(
        request_detail(app, &olivia, id)
            .await
            .view::<RequestDetail>()
            .claim_deadline
            .to_string(),
        "2027-04-11"
    );
    assert_eq!(
        app.call(HOST_A, "set_claim_window", Some(&dana), &[("days", "30")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bad = app
        .call(HOST_A, "set_claim_window", Some(&admin), &[("days", "0")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app
        .call(HOST_A, "set_claim_window", Some(&admin), &[("days", "30")])
        .await
        .status
        .is_success());
    assert_eq!(overview(app, &admin).await.claim_days, 30);
    assert_eq!(
        request_detail(app, &olivia, id)
            .await
            .view::<RequestDetail>()
            .claim_deadline
            .to_string(),
        "2027-03-12"
    );
}
both!(claim_window_is_a_program_setting, claim_window_setting);

/// A program with more partners than a form can list: the funds page still
/// loads for vendor staff (budget totals summed in the database), the partner
/// pickers become typed names, and those names resolve on the server.
async fn large_program(app: &TestApp) {
    app::ssr::seed::scale::seed(&app.state.db, 320)
        .await
        .expect("scale seed");
    let host = "scale.portal.test";
    let admin = app.sign_in(host, "admin@scale.example").await;
    let res = app
        .call(host, "get_funds_overview", Some(&admin), &[])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let funds: FundsOverview = res.view();
    assert!(!funds.all_partners_listed);
    assert_eq!(funds.partners.len(), 300);
    assert_eq!(funds.partners[0].1, "Partner 000000");
    let budget = &funds.budgets[0];
    assert_eq!(budget.balances.allocated, 320 * 1_000_000);
    assert_eq!(budget.balances.reserved, 320 * 600_000);
    // The seeded budget is fully allocated: a fresh one to allocate from.
    let res = app
        .call(
            host,
            "create_budget",
            Some(&admin),
            &[
                ("key", &fresh_key()),
                ("name", "Typed names"),
                ("kind", "marketing"),
                ("currency", "USD"),
                ("total", "1000.00"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-03-31"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let funds = app
        .call(host, "get_funds_overview", Some(&admin), &[])
        .await
        .view::<FundsOverview>();
    let fresh = |funds: &FundsOverview| {
        funds
            .budgets
            .iter()
            .find(|b| b.name == "Typed names")
            .cloned()
            .unwrap()
    };
    let budget_id = fresh(&funds).id.to_string();
    let allocate = |target: &'static str| {
        let (admin, budget_id) = (admin.clone(), budget_id.clone());
        async move {
            app.call(
                host,
                "allocate_funds",
                Some(&admin),
                &[
                    ("key", &fresh_key()),
                    ("budget_id", &budget_id),
                    ("target", target),
                    ("amount", "100.00"),
                ],
            )
            .await
        }
    };
    // Partner 000310 is beyond the listed 300, reachable by its typed name.
    let res = allocate("partner 000310").await;
    assert!(res.status.is_success(), "{}", res.body);
    let res = allocate("Gold tier pool").await;
    assert!(res.status.is_success(), "{}", res.body);
    let res = allocate("Partner 999999").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(
        res.body
            .contains("No partner is called \u{201c}Partner 999999\u{201d}"),
        "{}",
        res.body
    );
    let funds = app
        .call(host, "get_funds_overview", Some(&admin), &[])
        .await
        .view::<FundsOverview>();
    assert_eq!(fresh(&funds).balances.allocated, 2 * 10_000);
    assert_eq!(fresh(&funds).unallocated_minor, 100_000 - 2 * 10_000);
    let mine = app
        .call(
            host,
            "get_funds_overview",
            Some(&admin),
            &[("filter[partner_id]", "Partner 000310")],
        )
        .await
        .view::<FundsOverview>();
    assert_eq!(mine.requests.len(), 2, "{:?}", mine.requests);
    assert!(mine
        .requests
        .iter()
        .all(|r| r.partner_name == "Partner 000310"));
    // The partner sees the new allocation beside the seeded one.
    let user = app.sign_in(host, "user310@partner310.example").await;
    let theirs = app
        .call(host, "get_funds_overview", Some(&user), &[])
        .await
        .view::<FundsOverview>();
    assert_eq!(theirs.allocations.len(), 2, "{:?}", theirs.allocations);
}
both!(large_programs_take_typed_partner_names, large_program);

/// Who may act on a fund request, with members made for the test rather
/// than borrowed from the demo: a colleague at the partner sees it, a user
/// of another partner does not know it exists, finance may not decide it,
/// a marketing manager may.
async fn request_reach(app: &TestApp) {
    let admin = app.member(Role::VendorAdmin).signed_in().await;
    let budget = create_budget(app, &admin.cookie, "10000").await;
    let northwind = org_id(app, "Northwind Systems").await;
    let target = format!("p:{northwind}");
    let res = allocate(app, &admin.cookie, budget, &target, "5000").await;
    assert!(res.status.is_success(), "{}", res.body);
    let requester = app
        .member(Role::PartnerUser)
        .at("Northwind Systems")
        .signed_in()
        .await;
    let allocation = overview(app, &requester.cookie).await.allocations[0]
        .id
        .to_string();
    let key = fresh_key();
    let form = request_form(&key, &allocation, "Partner day", "1000");
    let res = app
        .call(
            HOST_A,
            "submit_fund_request",
            Some(&requester.cookie),
            &form,
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let id = newest_request_id(app).await;

    let colleague = app
        .member(Role::PartnerAdmin)
        .at("Northwind Systems")
        .signed_in()
        .await;
    let seen = request_detail(app, &colleague.cookie, id).await;
    assert_eq!(seen.view::<RequestDetail>().partner_id, requester.org_id);
    let outsider = app
        .member(Role::PartnerUser)
        .at("Harbor IT Services")
        .signed_in()
        .await;
    let unseen = request_detail(app, &outsider.cookie, id).await;
    assert_eq!(unseen.status, StatusCode::NOT_FOUND, "{}", unseen.body);

    let decide = |cookie: String| async move {
        let id = id.to_string();
        let form = [
            ("id", id.as_str()),
            ("version", "1"),
            ("decision", "approve"),
        ];
        app.call(HOST_A, "decide_fund_request", Some(&cookie), &form)
            .await
            .status
    };
    let finance = app.member(Role::Finance).signed_in().await;
    assert_eq!(decide(finance.cookie).await, StatusCode::FORBIDDEN);
    let marketing = app.member(Role::MarketingManager).signed_in().await;
    assert!(decide(marketing.cookie).await.is_success());
    let detail = request_detail(app, &requester.cookie, id).await;
    assert_eq!(
        detail.view::<RequestDetail>().status,
        RequestStatus::Approved
    );
}
both!(members_reach_requests_by_role_and_company, request_reach);
