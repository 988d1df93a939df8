//! The work waiting for each member, on the home page: computed from the
//! records (not from notifications), scoped like the pages it links to.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::types::notification::NeedsYou;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::{TestApp, HOST_A};

async fn tasks(app: &TestApp, cookie: &str) -> Vec<String> {
    let res = app.call(HOST_A, "get_needs_you", Some(cookie), &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let needs: NeedsYou = res.view();
    needs
        .tasks
        .into_iter()
        .map(|t| {
            format!(
                "{} -> {}{}",
                t.sentence,
                t.href,
                if t.urgent { " !" } else { "" }
            )
        })
        .collect()
}

fn has(tasks: &[String], part: &str) -> bool {
    tasks.iter().any(|t| t.contains(part))
}

async fn submit(app: &TestApp, cookie: &str, key: &str, allocation: &str, title: &str) {
    let day = |d: i64| (Utc::now().date_naive() + Duration::days(d)).to_string();
    let (starts, ends) = (day(3), day(5));
    let res = app
        .call(
            HOST_A,
            "submit_fund_request",
            Some(cookie),
            &[
                ("key", key),
                ("allocation_id", allocation),
                ("activity_type", "webinar"),
                ("title", title),
                ("description", "Webinar on campus Wi-Fi for IT leads."),
                ("starts_on", &starts),
                ("ends_on", &ends),
                ("amount", "1000"),
                ("partner_share", "0"),
                ("expected_leads", "10"),
                ("expected_attendees", "50"),
                ("expected_pipeline", "50000"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
}

async fn waiting_work_per_role(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let raj = app.sign_in(HOST_A, "raj.patel@acme.example").await;
    assert_eq!(tasks(app, &olivia).await, Vec::<String>::new());

    // Funds for Northwind, and two requests from it.
    let budget = app
        .call(
            HOST_A,
            "create_budget",
            Some(&admin),
            &[
                ("key", "work-budget-key-000001"),
                ("name", "Demand"),
                ("kind", "marketing"),
                ("currency", "USD"),
                ("total", "10000"),
                ("starts_on", &Utc::now().date_naive().to_string()),
                (
                    "ends_on",
                    &(Utc::now().date_naive() + Duration::days(90)).to_string(),
                ),
            ],
        )
        .await;
    assert!(budget.status.is_success(), "{}", budget.body);
    let overview: app::types::funds::FundsOverview = app
        .call(HOST_A, "get_funds_overview", Some(&admin), &[])
        .await
        .view();
    let northwind = app.org_id("Northwind Systems").await;
    let allocated = app
        .call(
            HOST_A,
            "allocate_funds",
            Some(&admin),
            &[
                ("key", "work-allocate-key-0001"),
                ("budget_id", &overview.budgets[0].id.to_string()),
                ("target", &format!("p:{northwind}")),
                ("amount", "5000"),
            ],
        )
        .await;
    assert!(allocated.status.is_success(), "{}", allocated.body);
    let mine: app::types::funds::FundsOverview = app
        .call(HOST_A, "get_funds_overview", Some(&olivia), &[])
        .await
        .view();
    let allocation = mine.allocations[0].id.to_string();
    submit(
        app,
        &olivia,
        "work-request-key-00001",
        &allocation,
        "Campus webinar",
    )
    .await;

    // Reviewers who see Northwind have it in their queue, with the link.
    let queue = tasks(app, &admin).await;
    assert!(
        has(&queue, "1 fund request waits for your review, since"),
        "{queue:?}"
    );
    assert!(has(&queue, "-> /funds?status=submitted"), "{queue:?}");
    assert!(has(&tasks(app, &dana).await, "1 fund request waits"));
    assert!(!has(&tasks(app, &raj).await, "fund request"));
    submit(
        app,
        &olivia,
        "work-request-key-00002",
        &allocation,
        "Trade show",
    )
    .await;
    assert!(has(
        &tasks(app, &admin).await,
        "2 fund requests wait for your review, the oldest since"
    ));

    // Sent back: the partner is asked to change it; approved: to claim it.
    let requests = mine_requests(app, &olivia).await;
    let decide = |id: i64, decision: &'static str| {
        let admin = admin.clone();
        async move {
            let res = app
                .call(
                    HOST_A,
                    "decide_fund_request",
                    Some(&admin),
                    &[
                        ("id", &id.to_string()),
                        ("version", "1"),
                        ("decision", decision),
                        ("reason", "Add the expected audience"),
                    ],
                )
                .await;
            assert!(res.status.is_success(), "{}", res.body);
        }
    };
    decide(requests[0], "changes").await;
    decide(requests[1], "approve").await;
    let work = tasks(app, &olivia).await;
    assert!(
        has(
            &work,
            &format!(
                "Change and resend the fund request “Campus webinar” -> /funds/requests/{}",
                requests[0]
            )
        ),
        "{work:?}"
    );
    assert!(has(&work, "Claim “Trade show” by"), "{work:?}");
    // The partner user of the same company sees the same work.
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    assert!(has(&tasks(app, &sam).await, "Claim “Trade show” by"));
    // A company that had no part in it has nothing to do.
    let ines = app.sign_in(HOST_A, "ines@bluepeak.example").await;
    assert!(!has(&tasks(app, &ines).await, "Trade show"));
    // The queue is empty once both are decided.
    assert!(!has(&tasks(app, &admin).await, "fund request"));
}
both!(waiting_work_per_role, waiting_work_per_role);

/// Northwind's requests, by title: "Campus webinar" first.
async fn mine_requests(app: &TestApp, cookie: &str) -> Vec<i64> {
    let mine: app::types::funds::FundsOverview = app
        .call(HOST_A, "get_funds_overview", Some(cookie), &[])
        .await
        .view();
    let id = |title: &str| mine.requests.iter().find(|r| r.title == title).unwrap().id;
    vec![id("Campus webinar"), id("Trade show")]
}
