//! Isolation: tenants never see each other; partners see only their own
//! company; channel managers see their assigned partners.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestApp, HOST_A, HOST_B};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn partner_id(app: &TestApp, name: &str) -> i64 {
    use app::ssr::entities::organization;
    organization::Entity::find()
        .filter(organization::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{name} seeded"))
        .id
}

fn names(list: &serde_json::Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn tenants_are_isolated(app: &TestApp) {
    let (_, globex_partner) = app.add_tenant_b().await;
    let northwind = partner_id(app, "Northwind Systems").await;

    // An account of one program does not exist in the other.
    let wrong = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[
                ("email", "boss@globex.example"),
                ("password", common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);

    let boss = app.sign_in(HOST_B, "boss@globex.example").await;
    let list = app.call(HOST_B, "list_partners", Some(&boss), &[]).await;
    assert_eq!(names(&list.json()), vec!["Globex Partner Ltd"]);
    // Tenant A's partner is invisible by id, for reading and for writing.
    let read = app
        .call(
            HOST_B,
            "get_partner",
            Some(&boss),
            &[("id", &northwind.to_string())],
        )
        .await;
    assert_eq!(read.status, StatusCode::NOT_FOUND);
    let write = app
        .call(
            HOST_B,
            "update_partner_profile",
            Some(&boss),
            &profile_form(northwind, 1, "#123456"),
        )
        .await;
    assert_eq!(write.status, StatusCode::NOT_FOUND);
    // A session cookie from program B means nothing on program A's host.
    assert!(app
        .get(HOST_A, "/", Some(&boss))
        .await
        .status
        .is_redirection());

    let admin_a = app.sign_in(HOST_A, "admin@acme.example").await;
    let read = app
        .call(
            HOST_A,
            "get_partner",
            Some(&admin_a),
            &[("id", &globex_partner.to_string())],
        )
        .await;
    assert_eq!(read.status, StatusCode::NOT_FOUND);
    let users = app
        .call(HOST_A, "list_users", Some(&admin_a), &[])
        .await
        .json()
        .to_string();
    assert!(
        !users.contains("globex"),
        "no user of program B in A's list"
    );
    let invite = app
        .call(
            HOST_A,
            "invite_user",
            Some(&admin_a),
            &[
                ("organization_id", &globex_partner.to_string()),
                ("email", "x@y.example"),
                ("role", "partner_admin"),
            ],
        )
        .await;
    assert_eq!(
        invite.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "cannot invite into another program's company"
    );
}
both!(tenants_are_isolated_test, tenants_are_isolated);

pub fn profile_form(
    id: i64,
    version: i32,
    colour: &'static str,
) -> Vec<(&'static str, &'static str)> {
    let id: &'static str = Box::leak(id.to_string().into_boxed_str());
    let version: &'static str = Box::leak(version.to_string().into_boxed_str());
    vec![
        ("id", id),
        ("version", version),
        ("website", "northwind.example"),
        ("phone", "+1 206 555 0199"),
        ("email", "sales@northwind.example"),
        ("address", "1 Pike St"),
        ("city", "Seattle"),
        ("country", "United States"),
        ("brand_color", colour),
        ("description", "Networking for the Pacific Northwest."),
    ]
}

async fn partners_see_only_their_company(app: &TestApp) {
    let northwind = partner_id(app, "Northwind Systems").await;
    let harbor = partner_id(app, "Harbor IT Services").await;
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    assert_eq!(
        app.call(HOST_A, "list_partners", Some(&sam), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(
            HOST_A,
            "get_partner",
            Some(&sam),
            &[("id", &harbor.to_string())]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let own = app
        .call(
            HOST_A,
            "get_partner",
            Some(&sam),
            &[("id", &northwind.to_string())],
        )
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(
        own.json()["can_edit"],
        false,
        "a partner user reads, the partner admin edits"
    );
    assert_eq!(
        app.call(HOST_A, "list_users", Some(&sam), &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let page = app
        .get(HOST_A, &format!("/partners/{harbor}"), Some(&sam))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);

    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let users = app
        .call(HOST_A, "list_users", Some(&olivia), &[])
        .await
        .json();
    let emails: Vec<&str> = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails.len(), 2);
    assert!(
        emails.iter().all(|e| e.ends_with("@northwind.example")),
        "{emails:?}"
    );
    let other = app
        .call(
            HOST_A,
            "update_partner_profile",
            Some(&olivia),
            &profile_form(harbor, 1, "#123456"),
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let dash = app
        .call(HOST_A, "get_dashboard", Some(&olivia), &[])
        .await
        .json()
        .to_string();
    assert!(
        dash.contains("Northwind Systems") && !dash.contains("Harbor IT"),
        "{dash}"
    );
}
both!(
    partners_see_only_their_company_test,
    partners_see_only_their_company
);

async fn channel_managers_see_assigned_partners(app: &TestApp) {
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let mine = names(
        &app.call(HOST_A, "list_partners", Some(&dana), &[])
            .await
            .json(),
    );
    assert_eq!(
        mine,
        vec![
            "Bluepeak Distribution",
            "Cobalt Integration Group",
            "Harbor IT Services",
            "Northwind Systems",
            "Prairie Network Solutions"
        ]
    );
    let rajs = partner_id(app, "Tamesis Cloud").await;
    assert_eq!(
        app.call(
            HOST_A,
            "get_partner",
            Some(&dana),
            &[("id", &rajs.to_string())]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let all = app
        .call(HOST_A, "list_partners", Some(&admin), &[])
        .await
        .json();
    assert_eq!(all["total"], 13);
}
both!(
    channel_managers_see_assigned_partners_test,
    channel_managers_see_assigned_partners
);

/// Recurring work: every instance schedules, each tenant's pass of a
/// period is claimed once, runs on the job queue and is recorded for that
/// tenant's admins only; a failing pass keeps its error and is retried.
async fn recurring_passes(app: &TestApp) {
    use app::ssr::entities::{job, recurring_run};
    use app::ssr::jobs::recurring::{perform, schedule, Pass};
    use app::ssr::jobs::Outcome;
    use app::types::job::{JobStatus, RecurringRunView, RecurringTask};
    use sea_orm::{ActiveModelTrait, PaginatorTrait, Set};
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    app.add_tenant_b().await;
    let runs = || recurring_run::Entity::find().count(&app.state.db);

    // Two instances' schedulers at the same moment: one pass per tenant.
    let morning = at("2027-03-01T00:00:30Z");
    let (a, b) = tokio::join!(schedule(&app.state, morning), schedule(&app.state, morning));
    // One pass per tenant and task.
    let passes = 2 * RecurringTask::ALL.len();
    assert_eq!(a.unwrap() + b.unwrap(), passes, "one pass per tenant");
    assert_eq!(runs().await.unwrap(), passes as u64);
    let queued = job::Entity::find()
        .filter(job::Column::Kind.eq("recurring"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(queued, passes as u64, "one job per pass");
    // Later the same hour (the shortest period): nothing new.
    assert_eq!(
        schedule(&app.state, at("2027-03-01T00:59:00Z"))
            .await
            .unwrap(),
        0
    );
    app.run_jobs().await;

    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let listed = app
        .call(HOST_A, "list_recurring_runs", Some(&admin), &[])
        .await;
    assert_eq!(listed.status, StatusCode::OK);
    let listed: Vec<RecurringRunView> = listed.view();
    assert_eq!(
        listed.len(),
        RecurringTask::ALL.len(),
        "only this program's runs: {listed:?}"
    );
    let run = listed
        .iter()
        .find(|r| r.task == RecurringTask::ClaimDeadlines)
        .unwrap();
    assert_eq!(
        (run.task, run.status, run.period.as_str(), run.items),
        (
            RecurringTask::ClaimDeadlines,
            JobStatus::Done,
            "2027-03-01",
            0
        )
    );
    assert_eq!(run.period_label, "1 Mar 2027");
    assert!(run.started.is_some() && run.finished.is_some(), "{run:?}");
    for partner in ["olivia@northwind.example", "dana.cole@acme.example"] {
        let who = app.sign_in(HOST_A, partner).await;
        let refused = app
            .call(HOST_A, "list_recurring_runs", Some(&who), &[])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{partner}");
    }

    // The next day comes round.
    assert_eq!(
        schedule(&app.state, at("2027-03-02T06:00:00Z"))
            .await
            .unwrap(),
        passes
    );
    assert_eq!(runs().await.unwrap(), 2 * passes as u64);

    // A pass that cannot run keeps its error, stays due until its last
    // attempt, then is marked failed.
    let tenant_a = app::ssr::entities::tenant::Entity::find()
        .filter(app::ssr::entities::tenant::Column::Slug.eq("acme"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let broken = Pass {
        tenant_id: tenant_a,
        task: RecurringTask::ClaimDeadlines,
        period: "someday".into(),
    };
    recurring_run::ActiveModel {
        tenant_id: Set(tenant_a),
        task: Set(broken.task),
        period: Set(broken.period.clone()),
        status: Set(JobStatus::Queued),
        queued_at: Set(morning),
        attempts: Set(0),
        items: Set(0),
        error: Set(String::new()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    assert!(matches!(
        perform(&app.state, broken.clone(), false).await,
        Outcome::Retry(_)
    ));
    assert!(matches!(
        perform(&app.state, broken.clone(), true).await,
        Outcome::Retry(_)
    ));
    let row = recurring_run::Entity::find()
        .filter(recurring_run::Column::Period.eq("someday"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.status, row.attempts), (JobStatus::Failed, 2));
    assert!(row.error.contains("someday"), "{}", row.error);
    let listed: Vec<RecurringRunView> = app
        .call(HOST_A, "list_recurring_runs", Some(&admin), &[])
        .await
        .view();
    assert!(
        listed
            .iter()
            .any(|r| r.status == JobStatus::Failed && r.error.contains("someday")),
        "{listed:?}"
    );
}
both!(
    recurring_passes_run_once_per_tenant_and_period,
    recurring_passes
);

/// Polls `instance` until GET `path` on `host` answers `status`, within a
/// few tenant-cache intervals; the last answer otherwise.
async fn answers_within(
    instance: &TestApp,
    host: &str,
    path: &str,
    status: StatusCode,
) -> common::Resp {
    let ttl = instance.state.config.tenant_cache_ttl;
    let deadline = std::time::Instant::now() + ttl * 4 + std::time::Duration::from_secs(1);
    loop {
        let res = instance.get(host, path, None).await;
        if res.status == status || std::time::Instant::now() > deadline {
            return res;
        }
        tokio::time::sleep(ttl / 4).await;
    }
}

/// Two instances on one database, each with its own tenant cache: a
/// program suspended, resumed or moved to another host by the operator is
/// followed by both within the cache interval, and failed sign-ins count
/// against the same limit whichever instance they reach.
async fn two_instances(app: &TestApp) {
    use app::ssr::services::programs::{apply, Change};
    let first = app;
    let second = app.another_instance();
    for instance in [first, &second] {
        assert_eq!(
            instance.get(HOST_A, "/sign-in", None).await.status,
            StatusCode::OK
        );
    }

    apply(&app.state.db, "acme", Change::Suspend).await.unwrap();
    for instance in [first, &second] {
        let res = answers_within(
            instance,
            HOST_A,
            "/sign-in",
            StatusCode::SERVICE_UNAVAILABLE,
        )
        .await;
        assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
        assert!(
            res.body.contains("Acme Networks is suspended"),
            "{}",
            res.body
        );
        let call = instance.call(HOST_A, "program_brand", None, &[]).await;
        assert_eq!(
            call.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "functions too"
        );
    }
    let german = second
        .send(
            axum::http::Request::get("/sign-in")
                .header(axum::http::header::HOST, HOST_A)
                .header(axum::http::header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        german.body.contains("vorübergehend gesperrt"),
        "{}",
        german.body
    );

    apply(&app.state.db, "acme", Change::Resume).await.unwrap();
    for instance in [first, &second] {
        let res = answers_within(instance, HOST_A, "/sign-in", StatusCode::OK).await;
        assert_eq!(res.status, StatusCode::OK, "resumed: {}", res.body);
    }

    // A new host name serves the program on both instances.
    apply(&app.state.db, "acme", Change::MoveTo("acme-eu".into()))
        .await
        .unwrap();
    for instance in [first, &second] {
        let res = answers_within(instance, "acme-eu.portal.test", "/sign-in", StatusCode::OK).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body.contains("Acme Networks"), "the program's own page");
    }
    assert_eq!(
        apply(&app.state.db, "acme-eu", Change::MoveTo("Bad Slug".into())).await,
        Err(
            "\"Bad Slug\" cannot start a host name: use a-z, 0-9 and inner hyphens, at most 63"
                .into()
        )
    );
    apply(&app.state.db, "acme-eu", Change::MoveTo("acme".into()))
        .await
        .unwrap();
    for instance in [first, &second] {
        let res = answers_within(instance, HOST_A, "/sign-in", StatusCode::OK).await;
        assert_eq!(res.status, StatusCode::OK, "moved back: {}", res.body);
    }

    // Failed sign-ins alternate between the instances; the limit holds.
    for attempt in 0..5 {
        let instance = if attempt % 2 == 0 { first } else { &second };
        instance
            .call(
                HOST_A,
                "sign_in",
                None,
                &[("email", "sam@northwind.example"), ("password", "nope")],
            )
            .await;
    }
    for instance in [first, &second] {
        let limited = instance
            .call(
                HOST_A,
                "sign_in",
                None,
                &[
                    ("email", "sam@northwind.example"),
                    ("password", common::PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            limited.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            limited.body
        );
    }
}
both!(
    two_instances_follow_the_operator_and_share_limits,
    two_instances
);
