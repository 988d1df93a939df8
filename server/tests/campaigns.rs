//! Through-channel campaigns: the vendor builds and publishes, the audience
//! is told, a partner opts in, imports contacts (bad rows reported) and
//! sends; the durable queue delivers once each even across a crash, retries
//! with backoff and keeps to the rate limit; tracking, unsubscribe, the
//! fund-request link, a real SMTP round trip, and who may do what.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{
    campaign_message, cobrand_template, contact, job, lead, lead_routing, notification,
};
use app::ssr::jobs;
use app::types::campaign::{CampaignDetail, CampaignsPage, ContactsPage, ImportPreview};
use app::types::funds::{FundsOverview, RequestDetail};
use app::types::lead::{LeadSource, LeadStatus, RoutingReason};
use app::types::notification::NotificationKind;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{TestApp, HOST_A};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const MAYA: &str = "maya.lin@acme.example"; // marketing manager
const FELIX: &str = "felix.ortiz@acme.example"; // finance
const OLIVIA: &str = "olivia@northwind.example"; // Northwind, Platinum
const SAM: &str = "sam@northwind.example";
const INES: &str = "ines@bluepeak.example"; // Bluepeak, not Platinum

const CONTACTS: &str = "email,name,company,consent\n\
    ana@customer.example,Ana,Customer One,yes\n\
    bo@customer.example,Bo,Customer Two,yes\n\
    cy@customer.example,Cy,Customer Three,yes\n\
    di@customer.example,Di,Customer Four,yes\n\
    ed@customer.example,Ed,Customer Five,yes\n\
    not-an-email,Broken,,yes\n\
    ana@customer.example,Ana twice,,yes\n\
    fay@customer.example,Fay,,no\n";

/// A write went through (JSON callers get the redirect as a 3xx or 200).
fn accepted(res: &common::Resp) {
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{} {}",
        res.status,
        res.body
    );
}

async fn template_id(app: &TestApp, name: &str) -> String {
    cobrand_template::Entity::find()
        .filter(cobrand_template::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no template {name}"))
        .id
        .to_string()
}

/// Maya creates a Platinum-only campaign with the demo e-mail and flyer.
async fn create_campaign(app: &TestApp, maya: &str) -> i64 {
    let email = template_id(app, "AX7 announcement email").await;
    let flyer = template_id(app, "AX7 launch flyer (A4)").await;
    let social = template_id(app, "AX7 social post (1080×1080)").await;
    let asset = format!("assets[{flyer}]");
    let res = app
        .call(
            HOST_A,
            "save_campaign",
            Some(maya),
            &[
                ("name", "AX7 launch"),
                ("goal", "200 qualified leads for the AX7 firewall"),
                ("starts_on", "2026-01-01"),
                ("ends_on", "2099-12-31"),
                ("tiers[platinum]", "on"),
                ("types[var]", "on"),
                ("email_template_id", &email),
                ("email_subject", "Meet the AX7"),
                (&asset, "on"),
                ("social_template_id", &social),
                ("social_copy", "The AX7 is here."),
                (
                    "schedule",
                    "Week 1: send the invitation\nWeek 2: post on social",
                ),
            ],
        )
        .await;
    accepted(&res);
    let page = app
        .call(HOST_A, "get_campaigns_page", Some(maya), &[])
        .await
        .view::<CampaignsPage>();
    page.campaigns.first().expect("campaign listed").id
}

async fn detail(app: &TestApp, cookie: &str, id: i64) -> CampaignDetail {
    let res = app
        .call(
            HOST_A,
            "get_campaign",
            Some(cookie),
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view()
}

async fn publish(app: &TestApp, maya: &str, id: i64) {
    let res = app
        .call(
            HOST_A,
            "change_campaign_status",
            Some(maya),
            &[("id", &id.to_string()), ("action", "publish")],
        )
        .await;
    accepted(&res);
}

async fn import(app: &TestApp, cookie: &str, csv: &str, commit: bool) -> ImportPreview {
    let mut form = vec![("csv", csv)];
    if commit {
        form.push(("commit", "1"));
    }
    let res = app
        .call(HOST_A, "import_contacts", Some(cookie), &form)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view()
}

async fn send_now(app: &TestApp, cookie: &str, id: i64) -> common::Resp {
    app.call(
        HOST_A,
        "send_campaign",
        Some(cookie),
        &[("id", &id.to_string())],
    )
    .await
}

/// A running campaign Olivia has joined, with five contacts imported.
async fn ready(app: &TestApp) -> (String, String, i64) {
    let maya = app.sign_in(HOST_A, MAYA).await;
    let olivia = app.sign_in(HOST_A, OLIVIA).await;
    let id = create_campaign(app, &maya).await;
    publish(app, &maya, id).await;
    let res = app
        .call(
            HOST_A,
            "join_campaign",
            Some(&olivia),
            &[("id", &id.to_string())],
        )
        .await;
    accepted(&res);
    let done = import(app, &olivia, CONTACTS, true).await;
    assert_eq!(done.imported, Some(5), "{done:?}");
    (maya, olivia, id)
}

fn campaign_mails(app: &TestApp) -> Vec<String> {
    app.outbox()
        .into_iter()
        .filter(|m| m.contains("Subject: Meet the AX7"))
        .collect()
}

fn link_in(mail: &str, prefix: &str) -> String {
    let start = mail
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} link in {mail}"));
    mail[start..]
        .split(|c: char| c == '"' || c == '>' || c.is_whitespace())
        .next()
        .unwrap()
        .replace("&amp;", "&")
}

async fn count_messages(app: &TestApp, status: &str) -> u64 {
    campaign_message::Entity::find()
        .filter(campaign_message::Column::Status.eq(status))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn lifecycle(app: &TestApp) {
    let maya = app.sign_in(HOST_A, MAYA).await;
    let id = create_campaign(app, &maya).await;
    let ines = app.sign_in(HOST_A, INES).await;
    let olivia = app.sign_in(HOST_A, OLIVIA).await;

    // A draft is invisible to partners.
    let res = app
        .call(
            HOST_A,
            "get_campaign",
            Some(&olivia),
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    publish(app, &maya, id).await;
    app.run_jobs().await;
    let told: Vec<String> = app
        .outbox()
        .into_iter()
        .filter(|m| m.contains("New campaign to run: AX7 launch"))
        .collect();
    assert!(told
        .iter()
        .any(|m| m.contains("To: olivia@northwind.example")));
    assert!(told.iter().any(|m| m.contains("To: sam@northwind.example")));
    assert!(
        !told.iter().any(|m| m.contains("bluepeak")),
        "only the Platinum audience is told"
    );

    // Outside the audience: not listed, not visible, cannot join.
    let list = app
        .call(HOST_A, "get_campaigns_page", Some(&ines), &[])
        .await
        .view::<CampaignsPage>();
    assert_eq!(list.campaigns.len(), 0);
    let res = app
        .call(
            HOST_A,
            "join_campaign",
            Some(&ines),
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Olivia opts in: her own e-mail and social designs are made for her.
    let d = detail(app, &olivia, id).await;
    assert!(!d.card.joined);
    let res = app
        .call(
            HOST_A,
            "join_campaign",
            Some(&olivia),
            &[("id", &id.to_string())],
        )
        .await;
    accepted(&res);
    let d = detail(app, &olivia, id).await;
    assert!(d.card.joined);
    assert!(
        d.email_design.as_ref().and_then(|a| a.design_id).is_some(),
        "{d:?}"
    );
    assert!(
        d.social_design.as_ref().and_then(|a| a.design_id).is_some(),
        "{d:?}"
    );
    assert_eq!(d.schedule.len(), 2);

    // Nothing to send to yet.
    let res = send_now(app, &olivia, id).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.body.contains("Import your contacts first"),
        "{}",
        res.body
    );

    // CSV: a preview stores nothing; the import reports each bad row.
    let p = import(app, &olivia, CONTACTS, false).await;
    assert_eq!((p.importable, p.rejected), (5, 3));
    assert_eq!(
        contact::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );
    let done = import(app, &olivia, CONTACTS, true).await;
    assert_eq!(done.imported, Some(5));
    let reasons: Vec<String> = done
        .rows
        .iter()
        .filter_map(|r| r.problem.as_ref().map(|p| format!("{}: {p}", r.line)))
        .collect();
    assert_eq!(
        reasons,
        vec![
            "7: Not a valid e-mail address.",
            "8: Duplicate of line 2.",
            "9: No consent to marketing e-mail.",
        ]
    );
    // Importing the same file again adds nothing and says why.
    let again = import(app, &olivia, CONTACTS, false).await;
    assert_eq!(again.importable, 0);
    assert!(again.rows[0]
        .problem
        .as_deref()
        .unwrap()
        .contains("Already in your contacts"));

    // Send now: five messages, delivered by the queue.
    let res = send_now(app, &olivia, id).await;
    accepted(&res);
    assert_eq!(count_messages(app, "queued").await, 5);
    assert_eq!(app.run_jobs().await, 5);
    let mails = campaign_mails(app);
    assert_eq!(mails.len(), 5, "one e-mail per contact");
    for m in &mails {
        assert!(
            m.contains("List-Unsubscribe: <http://portal.test/m/u/"),
            "{m}"
        );
        assert!(m.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(
            m.contains("Northwind Systems"),
            "sent in the partner's name"
        );
        assert!(m.contains("/m/o/"), "open pixel");
        assert!(
            !m.contains("src=\"data:"),
            "pictures are linked, not inlined"
        );
    }
    // The e-mail's pictures are served from the portal, cacheable.
    let picture = link_in(&mails[0], "http://portal.test/m/i/").replace("http://portal.test", "");
    let res = app.get(HOST_A, &picture, None).await;
    assert_eq!(res.status, StatusCode::OK, "{picture}");
    assert!(res.headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert!(res.bytes.starts_with(b"\x89PNG"));
    assert_eq!(
        app.get(HOST_A, "/m/i/1/not-a-hash.png", None).await.status,
        StatusCode::NOT_FOUND
    );
    let d = detail(app, &maya, id).await;
    assert_eq!(d.card.stats.sent, 5, "{d:?}");
    assert_eq!(d.card.stats.delivered, 5);
    assert_eq!(d.partners[0].org_name, "Northwind Systems");
    assert_eq!(d.partners[0].stats.sent, 5);
    assert_eq!(d.days.len(), 1);
    assert!(d.focus.is_none());
    // Channel managers count only their own partners: Dana manages
    // Northwind and sees its sends; Raj does not, and sees none of them.
    for (who, sent, days) in [
        ("dana.cole@acme.example", 5, 1),
        ("raj.patel@acme.example", 0, 0),
    ] {
        let cookie = app.sign_in(HOST_A, who).await;
        let d = detail(app, &cookie, id).await;
        assert_eq!(d.card.stats.sent, sent, "{who}: {d:?}");
        assert_eq!(d.days.len(), days, "{who}");
        let page = app
            .call(HOST_A, "get_campaigns_page", Some(&cookie), &[])
            .await
            .view::<CampaignsPage>();
        let card = page.campaigns.iter().find(|c| c.id == id).cloned().unwrap();
        assert_eq!(card.stats.sent, sent, "{who}: {card:?}");
    }
    // The chart can show one partner's activity; one the vendor cannot see
    // (or that never joined) falls back to the whole campaign.
    let northwind = d.partners[0].org_id.to_string();
    let res = app
        .call(
            HOST_A,
            "get_campaign",
            Some(&maya),
            &[("id", &id.to_string()), ("partner", &northwind)],
        )
        .await
        .view::<CampaignDetail>();
    assert_eq!(
        res.focus.as_ref().map(|f| f.org_name.as_str()),
        Some("Northwind Systems")
    );
    assert_eq!(res.days[0].sent, 5);
    let res = app
        .call(
            HOST_A,
            "get_campaign",
            Some(&maya),
            &[("id", &id.to_string()), ("partner", "999999")],
        )
        .await
        .view::<CampaignDetail>();
    assert!(res.focus.is_none());

    // Sending again reaches nobody twice.
    let res = send_now(app, &olivia, id).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.body.contains("already has this campaign"),
        "{}",
        res.body
    );

    // Tracking: the pixel records an open; a click redirects to the e-mail's
    // own link and counts; a forged signature does nothing.
    let ana = mails
        .iter()
        .find(|m| m.contains("To: ana@customer.example"))
        .unwrap();
    let pixel = link_in(ana, "http://portal.test/m/o/").replace("http://portal.test", "");
    let res = app.get(HOST_A, &pixel, None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers[header::CONTENT_TYPE], "image/gif");
    let click = link_in(ana, "http://portal.test/m/c/").replace("http://portal.test", "");
    let res = app.get(HOST_A, &click, None).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    let target = res.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(target.starts_with("https://"), "{target}");
    let forged = format!("{}x", &click[..click.len() - 1]);
    assert_eq!(
        app.get(HOST_A, &forged, None).await.status,
        StatusCode::NOT_FOUND
    );
    let d = detail(app, &maya, id).await;
    assert_eq!(d.card.stats.opened, 1);
    assert_eq!(d.card.stats.clicked, 1);

    // Unsubscribe: the link's page asks first; the one-click POST (as a
    // mail app sends it, no cookie, no Origin) records it.
    let unsub = link_in(ana, "http://portal.test/m/u/").replace("http://portal.test", "");
    let page = app.get(HOST_A, &unsub, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ana@customer.example"));
    let res = app
        .send(
            Request::post(&unsub)
                .header(header::HOST, HOST_A)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("List-Unsubscribe=One-Click"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let d = detail(app, &maya, id).await;
    assert_eq!(d.card.stats.unsubscribed, 1);

    // A contact the partner removed also finds the link saying so.
    let bo = contact::Entity::find()
        .filter(contact::Column::Email.eq("bo@customer.example"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let bo_mail = mails
        .iter()
        .find(|m| m.contains("To: bo@customer.example"))
        .unwrap();
    let res = app
        .call(
            HOST_A,
            "remove_contact",
            Some(&olivia),
            &[("id", &bo.id.to_string())],
        )
        .await;
    accepted(&res);
    let unsub = link_in(bo_mail, "http://portal.test/m/u/").replace("http://portal.test", "");
    let page = app.get(HOST_A, &unsub, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("This address gets no more of these e-mails."),
        "{}",
        page.body
    );

    // The CSV for the vendor matches the page.
    let csv = app
        .get(HOST_A, &format!("/campaigns/{id}/report"), Some(&maya))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.starts_with("partner,opted_in,queued,sent"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("Northwind Systems,"));
    assert!(
        csv.body.contains(",0,5,5,0,0,1,1,1,0,20%,20%"),
        "{}",
        csv.body
    );

    // Pausing holds sends; ending cancels what has not gone out.
    let more = "email,consent\nnew@customer.example,yes\n";
    import(app, &olivia, more, true).await;
    for (action, ok) in [("pause", true), ("publish", false), ("resume", true)] {
        let res = app
            .call(
                HOST_A,
                "change_campaign_status",
                Some(&maya),
                &[("id", &id.to_string()), ("action", action)],
            )
            .await;
        assert_eq!(
            res.status.is_redirection() || res.status.is_success(),
            ok,
            "{action}: {}",
            res.body
        );
    }
    let res = app
        .call(
            HOST_A,
            "send_campaign",
            Some(&olivia),
            &[("id", &id.to_string()), ("when", "2099-01-01T09:00")],
        )
        .await;
    accepted(&res);
    let d = detail(app, &olivia, id).await;
    assert_eq!(
        d.sends[0].recipients, 1,
        "only the new contact: Ana unsubscribed, the rest had it"
    );
    assert!(d.sends[0].pending);
    assert_eq!(app.run_jobs().await, 0, "scheduled for later");
    let send_id = d.sends[0].id.to_string();
    let res = app
        .call(
            HOST_A,
            "cancel_send",
            Some(&olivia),
            &[("campaign_id", &id.to_string()), ("send_id", &send_id)],
        )
        .await;
    accepted(&res);
    assert_eq!(count_messages(app, "cancelled").await, 1);
}

async fn queue_survives_crashes(app: &TestApp) {
    let (_maya, olivia, id) = ready(app).await;
    app.run_jobs().await; // the announcement e-mails
    let res = send_now(app, &olivia, id).await;
    accepted(&res);
    let messages = campaign_message::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(messages.len(), 5);

    // A worker died after handing message 1 to the mail server but before
    // recording it, and another died holding message 2's job.
    let first = &messages[0];
    let email = {
        use app::ssr::services::campaigns::delivery;
        let _ = delivery::name_of(first.id);
        // Deliver exactly as the handler does, then "crash".
        let mut state = app.state.clone();
        state.config = std::sync::Arc::new((*state.config).clone());
        assert!(matches!(
            app::ssr::services::campaigns::delivery::perform(&state, first.id, false).await,
            jobs::Outcome::Done
        ));
        // Roll the record back to "queued" as if the commit never happened.
        campaign_message::Entity::update_many()
            .col_expr(campaign_message::Column::Status, Expr::value("queued"))
            .col_expr(
                campaign_message::Column::SentAt,
                Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
            )
            .filter(campaign_message::Column::Id.eq(first.id))
            .exec(&app.state.db)
            .await
            .unwrap();
        first.email.clone()
    };
    job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value("running"))
        .col_expr(job::Column::Attempts, Expr::value(1))
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Some(chrono::Utc::now() - chrono::Duration::seconds(5))),
        )
        .filter(job::Column::Payload.contains(format!("\"message_id\":{}", messages[1].id)))
        .exec(&app.state.db)
        .await
        .unwrap();

    // The restarted server's worker finishes everything.
    assert_eq!(app.run_jobs().await, 5);
    assert_eq!(count_messages(app, "delivered").await, 5);
    assert_eq!(
        jobs::count(&app.state.db, app::types::job::JobStatus::Done)
            .await
            .unwrap() as usize,
        5 + announcements(app).await
    );
    assert_eq!(
        jobs::count(&app.state.db, app::types::job::JobStatus::Queued)
            .await
            .unwrap(),
        0
    );
    let mails = campaign_mails(app);
    assert_eq!(mails.len(), 5, "nothing lost, nothing twice");
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.contains(&format!("To: {email}")))
            .count(),
        1
    );
    // Running the queue again sends nothing more.
    assert_eq!(app.run_jobs().await, 0);
    assert_eq!(campaign_mails(app).len(), 5);
}

/// A running job keeps its short lease for as long as it works; once another
/// worker has claimed it (after the lease ran out), the first cannot renew.
async fn lease_renewed_while_working(app: &TestApp) {
    let (_maya, olivia, id) = ready(app).await;
    app.run_jobs().await; // the announcement e-mails
    accepted(&send_now(app, &olivia, id).await);
    let job_row = job::Entity::find()
        .filter(job::Column::Status.eq("queued"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a queued campaign message");
    let locked_until = || async {
        job::Entity::find_by_id(job_row.id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .locked_until
            .expect("a lease")
    };
    // Claimed by a worker (its first attempt) with one second of lease left.
    job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value("running"))
        .col_expr(job::Column::Attempts, Expr::value(1))
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Some(chrono::Utc::now() + chrono::Duration::seconds(1))),
        )
        .filter(job::Column::Id.eq(job_row.id))
        .exec(&app.state.db)
        .await
        .unwrap();

    // Work that outlasts several renewal periods: the lease moves on with it.
    let started = chrono::Utc::now();
    let every = std::time::Duration::from_millis(50);
    let out = jobs::keep_lease(&app.state.db, job_row.id, 1, every, async {
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        "done"
    })
    .await;
    assert_eq!(out, "done");
    let renewed = locked_until().await;
    assert!(
        renewed >= started + jobs::LEASE - chrono::Duration::seconds(1),
        "lease renewed to {renewed}, work started {started}"
    );
    // A worker polling now runs the other messages and leaves this one held.
    assert_eq!(app.run_jobs().await, 4);
    let held = job::Entity::find_by_id(job_row.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((held.status.as_str(), held.attempts), ("running", 1));

    // Another worker claimed it (attempt 2): the first worker's renewal is
    // refused and leaves the new lease alone.
    job::Entity::update_many()
        .col_expr(job::Column::Attempts, Expr::value(2))
        .filter(job::Column::Id.eq(job_row.id))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert!(!jobs::renew(&app.state.db, job_row.id, 1).await.unwrap());
    assert_eq!(locked_until().await, renewed);
    assert!(jobs::renew(&app.state.db, job_row.id, 2).await.unwrap());
}

async fn announcements(app: &TestApp) -> usize {
    job::Entity::find()
        .filter(job::Column::Kind.eq("mail"))
        .count(&app.state.db)
        .await
        .unwrap() as usize
}

async fn retries_and_rate_limit(app: &TestApp) {
    let (_maya, olivia, id) = ready(app).await;
    app.run_jobs().await; // the announcement e-mails
    let res = send_now(app, &olivia, id).await;
    accepted(&res);

    // The mail server is down: each message is tried, kept and rescheduled.
    let mut down = app.state.clone();
    let mut config = (*down.config).clone();
    config.smtp = Some(app::ssr::config::SmtpConfig {
        host: "127.0.0.1".into(),
        port: 9, // discard port: nothing listens
        username: None,
        password: None,
        security: "none".into(),
    });
    down.mailer = app::ssr::mail::Mailer::from_config(&config).unwrap();
    down.config = std::sync::Arc::new(config);
    assert_eq!(jobs::drain(&down).await.unwrap(), 5);
    assert_eq!(count_messages(app, "queued").await, 5);
    let waiting = job::Entity::find()
        .filter(job::Column::Kind.eq("campaign_message"))
        .all(&app.state.db)
        .await
        .unwrap();
    for j in &waiting {
        assert_eq!((j.status.as_str(), j.attempts), ("queued", 1));
        let delay = j.run_at - chrono::Utc::now();
        assert!(
            delay > chrono::Duration::seconds(20) && delay <= chrono::Duration::seconds(30),
            "backoff {delay}"
        );
        assert!(!j.last_error.is_empty());
    }

    // Back up, with a limit of two a minute: two go, three wait.
    let due = || async {
        job::Entity::update_many()
            .col_expr(
                job::Column::RunAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
            )
            .filter(job::Column::Status.eq("queued"))
            .exec(&app.state.db)
            .await
            .unwrap();
    };
    due().await;
    let mut limited = app.state.clone();
    let mut config = (*limited.config).clone();
    config.campaign_rate_per_minute = 2;
    limited.config = std::sync::Arc::new(config);
    jobs::drain(&limited).await.unwrap();
    assert_eq!(count_messages(app, "delivered").await, 2);
    assert_eq!(count_messages(app, "queued").await, 3);
    let held = job::Entity::find()
        .filter(job::Column::Status.eq("queued"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(
        held.iter().all(|j| j.attempts == 1),
        "waiting for the limit uses no attempt"
    );

    // Without the limit the rest go; a mail server that never comes back
    // fails a message after five attempts, recorded as failed.
    due().await;
    app.run_jobs().await;
    assert_eq!(count_messages(app, "delivered").await, 5);
    assert_eq!(campaign_mails(app).len(), 5);

    let more = "email,consent\nlate@customer.example,yes\n";
    import(app, &olivia, more, true).await;
    send_now(app, &olivia, id).await;
    for _ in 0..5 {
        due().await;
        jobs::drain(&down).await.unwrap();
    }
    assert_eq!(count_messages(app, "failed").await, 1);
    let d = detail(app, &olivia, id).await;
    assert_eq!(d.card.stats.failed, 1);
    assert_eq!(d.card.stats.sent, 6);

    // A worker died during a message's last attempt: it gets one more run.
    // One whose workers died every time is given up and recorded as failed.
    let more = "email,consent\nlast@customer.example,yes\nnever@customer.example,yes\n";
    import(app, &olivia, more, true).await;
    send_now(app, &olivia, id).await;
    for (address, attempts) in [("last@customer.example", 5), ("never@customer.example", 6)] {
        let m = campaign_message::Entity::find()
            .filter(campaign_message::Column::Email.eq(address))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        job::Entity::update_many()
            .col_expr(job::Column::Status, Expr::value("running"))
            .col_expr(job::Column::Attempts, Expr::value(attempts))
            .col_expr(
                job::Column::LockedUntil,
                Expr::value(Some(chrono::Utc::now() - chrono::Duration::seconds(5))),
            )
            .filter(job::Column::Payload.contains(format!("\"message_id\":{}", m.id)))
            .exec(&app.state.db)
            .await
            .unwrap();
    }
    app.run_jobs().await;
    let status = |address: &'static str| async move {
        campaign_message::Entity::find()
            .filter(campaign_message::Column::Email.eq(address))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .status
    };
    assert_eq!(
        status("last@customer.example").await,
        app::types::campaign::MessageStatus::Delivered
    );
    assert_eq!(
        status("never@customer.example").await,
        app::types::campaign::MessageStatus::Failed
    );
}

async fn permissions_and_fund_link(app: &TestApp) {
    let (maya, olivia, id) = ready(app).await;
    let felix = app.sign_in(HOST_A, FELIX).await;
    let sam = app.sign_in(HOST_A, SAM).await;
    let ines = app.sign_in(HOST_A, INES).await;
    // Partners and finance cannot build or steer campaigns.
    for who in [&olivia, &felix] {
        let res = app
            .call(HOST_A, "save_campaign", Some(who), &[("name", "Mine")])
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
        let res = app
            .call(
                HOST_A,
                "change_campaign_status",
                Some(who),
                &[("id", &id.to_string()), ("action", "pause")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
    // Vendor staff do not import contacts or send; partners get no CSV.
    let res = app
        .call(HOST_A, "import_contacts", Some(&maya), &[("csv", CONTACTS)])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(send_now(app, &maya, id).await.status, StatusCode::FORBIDDEN);
    let csv = app
        .get(HOST_A, &format!("/campaigns/{id}/report"), Some(&olivia))
        .await;
    assert_eq!(csv.status, StatusCode::FORBIDDEN);
    // Contacts belong to the company: Sam (same company) sees Olivia's
    // import, Ines (another company) does not.
    let mine = app
        .call(HOST_A, "get_contacts", Some(&sam), &[])
        .await
        .view::<ContactsPage>();
    assert_eq!(mine.total, 5);
    let theirs = app
        .call(HOST_A, "get_contacts", Some(&ines), &[])
        .await
        .view::<ContactsPage>();
    assert_eq!(theirs.total, 0);
    // A contact is removed by its own company only; e-mails still waiting
    // for them are skipped.
    let ed = contact::Entity::find()
        .filter(contact::Column::Email.eq("ed@customer.example"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let res = app
        .call(
            HOST_A,
            "remove_contact",
            Some(&ines),
            &[("id", &ed.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .call(
            HOST_A,
            "remove_contact",
            Some(&sam),
            &[("id", &ed.id.to_string())],
        )
        .await;
    accepted(&res);
    let mine = app
        .call(HOST_A, "get_contacts", Some(&sam), &[])
        .await
        .view::<ContactsPage>();
    assert_eq!(mine.total, 4);
    // A send can only be cancelled by its own company.
    send_now(app, &olivia, id).await;
    let d = detail(app, &olivia, id).await;
    let send_id = d.sends[0].id.to_string();
    let res = app
        .call(
            HOST_A,
            "cancel_send",
            Some(&ines),
            &[("campaign_id", &id.to_string()), ("send_id", &send_id)],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    app.run_jobs().await;
    // Bad input on the form comes back field by field.
    let res = app
        .call(
            HOST_A,
            "save_campaign",
            Some(&maya),
            &[
                ("name", ""),
                ("starts_on", "2026-05-01"),
                ("ends_on", "2026-04-01"),
                ("email_template_id", "999999"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["name", "goal", "ends_on", "email_template_id"] {
        assert!(
            res.body.contains(&format!("\"{field}\"")),
            "{field}: {}",
            res.body
        );
    }

    // Fund request from the campaign: its results are attached as proof.
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let res = app
        .call(
            HOST_A,
            "create_budget",
            Some(&admin),
            &[
                ("key", "campaign-budget-key-0001"),
                ("name", "Campaign MDF"),
                ("kind", "marketing"),
                ("currency", "USD"),
                ("total", "50,000"),
                ("starts_on", "2026-01-01"),
                ("ends_on", "2099-12-31"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let budget = app
        .call(HOST_A, "get_funds_overview", Some(&admin), &[])
        .await
        .view::<FundsOverview>()
        .budgets[0]
        .id
        .to_string();
    let northwind = app::ssr::entities::organization::Entity::find()
        .filter(app::ssr::entities::organization::Column::Name.eq("Northwind Systems"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let res = app
        .call(
            HOST_A,
            "allocate_funds",
            Some(&admin),
            &[
                ("key", "campaign-alloc-key-0001"),
                ("budget_id", &budget),
                ("target", &format!("p:{northwind}")),
                ("amount", "10000"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let overview = app
        .call(HOST_A, "get_funds_overview", Some(&olivia), &[])
        .await
        .view::<FundsOverview>();
    let allocation = overview.allocations[0].id.to_string();
    let key = "campaign-request-key-0001";
    let res = app
        .call(
            HOST_A,
            "submit_fund_request",
            Some(&olivia),
            &[
                ("key", key),
                ("allocation_id", &allocation),
                ("activity_type", "email_campaign"),
                ("title", "AX7 launch e-mails"),
                ("description", "The AX7 campaign to our customers."),
                ("starts_on", "2099-01-01"),
                ("ends_on", "2099-01-31"),
                ("amount", "500"),
                ("campaign_id", &id.to_string()),
            ],
        )
        .await;
    accepted(&res);
    let request_id: String = res
        .location()
        .and_then(|l| l.split("/funds/requests/").nth(1).map(str::to_owned))
        .map(|rest| rest.split('?').next().unwrap().to_owned())
        .expect("redirect to the request");
    let r = app
        .call(
            HOST_A,
            "get_fund_request",
            Some(&maya),
            &[("id", &request_id)],
        )
        .await
        .view::<RequestDetail>();
    assert_eq!(
        r.campaign.as_ref().map(|c| c.name.as_str()),
        Some("AX7 launch"),
        "{r:?}"
    );
    assert_eq!(r.campaign.as_ref().map(|c| c.sends), Some(1));
    let d = detail(app, &olivia, id).await;
    assert_eq!(d.fund_requests[0].1, "AX7 launch e-mails");
    assert_eq!(
        r.campaign.as_ref().map(|c| c.stats.delivered),
        Some(4),
        "the removed contact was never sent to"
    );
    // Another company cannot tie its request to a campaign it never joined.
    let res = app
        .call(
            HOST_A,
            "submit_fund_request",
            Some(&ines),
            &[
                ("key", "campaign-request-key-0002"),
                ("allocation_id", "1"),
                ("activity_type", "email_campaign"),
                ("title", "x"),
                ("description", "x"),
                ("starts_on", "2099-01-01"),
                ("ends_on", "2099-01-31"),
                ("amount", "1"),
                ("campaign_id", &id.to_string()),
            ],
        )
        .await;
    assert!(res.status.is_client_error(), "{}", res.body);
}

/// One contact typed in by hand: checked like an imported row, consent
/// required, and an address already listed (unsubscribed or not) refused
/// rather than changed.
async fn add_by_hand(app: &TestApp) {
    let olivia = app.sign_in(HOST_A, OLIVIA).await;
    let add = |who: String, fields: Vec<(&'static str, &'static str)>| async move {
        app.call(HOST_A, "add_contact", Some(&who), &fields).await
    };
    let res = add(
        olivia.clone(),
        vec![
            ("email", "not-an-address"),
            ("name", "Gus"),
            ("company", "Customer Six"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = res.json().to_string();
    assert!(text.contains("Enter an email address"), "{text}");
    assert!(text.contains("Confirm that they agreed"), "{text}");
    assert!(
        text.contains("Customer Six"),
        "typed values come back: {text}"
    );
    let res = add(
        olivia.clone(),
        vec![
            ("email", " Gus@Customer.example "),
            ("name", "Gus"),
            ("company", "Customer Six"),
            ("consent", "on"),
        ],
    )
    .await;
    accepted(&res);
    let gus = contact::Entity::find()
        .filter(contact::Column::Email.eq("gus@customer.example"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("stored with the address normalised");
    assert_eq!(
        (gus.name.as_str(), gus.company.as_str()),
        ("Gus", "Customer Six")
    );
    assert!(
        gus.consent_source.contains("confirmed on the form"),
        "{}",
        gus.consent_source
    );
    assert!(gus.unsubscribed_at.is_none());
    let list = app
        .call(HOST_A, "get_contacts", Some(&olivia), &[])
        .await
        .view::<ContactsPage>();
    assert_eq!(list.total, 1);
    // Added again: refused, the stored contact unchanged.
    let res = add(
        olivia.clone(),
        vec![
            ("email", "gus@customer.example"),
            ("name", "Gus Two"),
            ("consent", "on"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Already in your contacts."),
        "{}",
        res.body
    );
    // Someone who unsubscribed cannot be put back by adding them again.
    contact::Entity::update_many()
        .col_expr(
            contact::Column::UnsubscribedAt,
            Expr::value(app::ssr::services::now()),
        )
        .filter(contact::Column::Id.eq(gus.id))
        .exec(&app.state.db)
        .await
        .unwrap();
    let res = add(
        olivia.clone(),
        vec![("email", "gus@customer.example"), ("consent", "on")],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("unsubscribed"), "{}", res.body);
    let stored = contact::Entity::find_by_id(gus.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.unsubscribed_at.is_some(), "still unsubscribed");
    assert_eq!(stored.name, "Gus");
    // Over-long fields are refused with the field named.
    let long = "x".repeat(201);
    let res = app
        .call(
            HOST_A,
            "add_contact",
            Some(&olivia),
            &[
                ("email", "hal@customer.example"),
                ("name", &long),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Keep the name under 200 characters"),
        "{}",
        res.body
    );
    // Vendor staff have no contacts to add to.
    let maya = app.sign_in(HOST_A, MAYA).await;
    let res = add(
        maya,
        vec![("email", "ivy@customer.example"), ("consent", "on")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // Without JavaScript the form posts and the browser is sent back to the list.
    let req = Request::post("/api/add_contact")
        .header(header::HOST, HOST_A)
        .header(header::ORIGIN, format!("http://{HOST_A}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://{HOST_A}/contacts"))
        .header(header::COOKIE, &olivia)
        .body(Body::from("email=jo%40customer.example&consent=on"))
        .unwrap();
    let res = app.send(req).await;
    assert!(res.status.is_redirection(), "{} {}", res.status, res.body);
    assert_eq!(res.headers[header::LOCATION], "/contacts?added=1");
}

/// A send time is typed in the user's time zone and shown back in it;
/// a time the clocks skip is refused.
async fn scheduled_in_own_time_zone(app: &TestApp) {
    let (_, olivia, id) = ready(app).await;
    let res = app
        .call(
            HOST_A,
            "set_time_zone",
            Some(&olivia),
            &[("zone", "Europe/Berlin")],
        )
        .await;
    accepted(&res);
    let schedule = |when: &'static str| {
        let olivia = olivia.clone();
        async move {
            app.call(
                HOST_A,
                "send_campaign",
                Some(&olivia),
                &[("id", &id.to_string()), ("when", when)],
            )
            .await
        }
    };
    let skipped = schedule("2027-03-28T02:30").await;
    assert_eq!(skipped.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        skipped.body.contains("does not exist in Europe/Berlin"),
        "{}",
        skipped.body
    );
    accepted(&schedule("2027-01-15T09:00").await);
    let send = app::ssr::entities::campaign_send::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(send.scheduled_at.to_rfc3339(), "2027-01-15T08:00:00+00:00");
    let d = detail(app, &olivia, id).await;
    assert_eq!(d.time_zone, "Europe/Berlin");
    assert_eq!(d.sends[0].scheduled_at, "15 Jan 2027, 09:00 CET");
}

/// The activity chart counts days as its reader does: the same five sends
/// fall on different days in UTC, Kolkata (UTC+5:30), Tokyo and Los Angeles.
async fn activity_days_in_own_time_zone(app: &TestApp) {
    let (maya, olivia, id) = ready(app).await;
    accepted(&send_now(app, &olivia, id).await);
    app.run_jobs().await;
    let times = [
        "2026-11-29T18:20:00Z",
        "2026-11-29T18:35:00Z",
        "2026-11-29T23:30:00Z",
        "2026-11-30T00:10:00Z",
        "2026-11-30T00:20:00Z",
    ];
    let messages = campaign_message::Entity::find()
        .filter(campaign_message::Column::CampaignId.eq(id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(messages.len(), times.len());
    for (m, at) in messages.iter().zip(times) {
        let at: chrono::DateTime<chrono::Utc> = at.parse().unwrap();
        campaign_message::Entity::update_many()
            .col_expr(campaign_message::Column::SentAt, Expr::value(at))
            // One open, a quarter of an hour after the send.
            .col_expr(
                campaign_message::Column::OpenedAt,
                Expr::value(at + chrono::Duration::minutes(15)),
            )
            .col_expr(
                campaign_message::Column::ClickedAt,
                Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
            )
            .filter(campaign_message::Column::Id.eq(m.id))
            .exec(&app.state.db)
            .await
            .unwrap();
    }
    let days_in = |zone: &'static str, who: String| async move {
        let res = app
            .call(HOST_A, "set_time_zone", Some(&who), &[("zone", zone)])
            .await;
        accepted(&res);
        let d = detail(app, &who, id).await;
        d.days
            .iter()
            .map(|day| format!("{} sent {} opened {}", day.day, day.sent, day.opened))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        days_in("UTC", maya.clone()).await,
        // The 23:30 send's open is at 23:45, still the 29th.
        ["2026-11-29 sent 3 opened 3", "2026-11-30 sent 2 opened 2"]
    );
    assert_eq!(
        days_in("Asia/Kolkata", maya.clone()).await,
        // 18:20 UTC is 23:50 there (opened 00:05 the next day); 18:35 is 00:05.
        ["2026-11-29 sent 1 opened 0", "2026-11-30 sent 4 opened 5"]
    );
    assert_eq!(
        days_in("Asia/Tokyo", olivia.clone()).await,
        ["2026-11-30 sent 5 opened 5"]
    );
    assert_eq!(
        days_in("America/Los_Angeles", olivia).await,
        ["2026-11-29 sent 5 opened 5"]
    );
}

/// A form POST from the response page (no cookie, as a visitor sends it).
async fn post_form(app: &TestApp, path: &str, body: &str) -> common::Resp {
    app.send(
        Request::post(path)
            .header(header::HOST, HOST_A)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.to_owned()))
            .unwrap(),
    )
    .await
}

/// A recipient asks Northwind to get in touch from its campaign e-mail:
/// looking at the page enters nothing; a form with problems comes back
/// with what was typed; the answer becomes a lead from the campaign,
/// offered to Northwind, whose people are told; answering again adds
/// nothing; a forged link finds nothing.
async fn responses_become_leads(app: &TestApp) {
    let (maya, olivia, id) = ready(app).await;
    accepted(&send_now(app, &olivia, id).await);
    app.run_jobs().await;
    let mails = campaign_mails(app);
    assert_eq!(mails.len(), 5);
    let ana = mails
        .iter()
        .find(|m| m.contains("To: ana@customer.example"))
        .unwrap();
    // Quoted-printable folds long lines and escapes "=".
    let unfolded = ana.replace("=\r\n", "").replace("=3D", "=");
    assert!(
        unfolded.contains("Ask Northwind Systems to get in touch"),
        "{unfolded}"
    );
    let link = link_in(&unfolded, "http://portal.test/m/r/").replace("http://portal.test", "");
    let page = app.get(HOST_A, &link, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ana@customer.example"), "{}", page.body);
    assert!(
        page.body.contains("value=\"Customer One\""),
        "the contact's company"
    );
    let count = || async { lead::Entity::find().count(&app.state.db).await.unwrap() };
    assert_eq!(count().await, 0, "looking enters nothing");

    let res = post_form(
        app,
        &link,
        "company=Customer+One&contact_name=+&country=XX&notes=Call+me+about+the+AX7",
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("Enter your name."), "{}", res.body);
    assert!(res.body.contains("Call me about the AX7"), "kept");
    assert_eq!(count().await, 0);

    let answer = "company=Customer+One&contact_name=Ana+Ruiz&contact_phone=%2B49+30+1234567\
        &country=DE&city=Berlin&postcode=10115&notes=Call+me+about+the+AX7";
    let res = post_form(app, &link, answer).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body.contains("Northwind Systems has your request"),
        "{}",
        res.body
    );
    let leads = lead::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(leads.len(), 1);
    let l = &leads[0];
    assert_eq!(l.source, LeadSource::Campaign);
    assert_eq!(l.campaign_id, Some(id));
    assert_eq!(l.status, LeadStatus::Offered);
    assert_eq!(l.partner_id, Some(app.org_id("Northwind Systems").await));
    assert_eq!(
        (
            l.contact_name.as_str(),
            l.contact_email.as_str(),
            l.country.as_str()
        ),
        ("Ana Ruiz", "ana@customer.example", "DE")
    );
    let routing = lead_routing::Entity::find()
        .filter(lead_routing::Column::LeadId.eq(l.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let reason: RoutingReason = serde_json::from_str(&routing.reason).unwrap();
    assert_eq!(reason, RoutingReason::OwnCampaign);
    let olivia_id = app.user_id(OLIVIA).await;
    let told = notification::Entity::find()
        .filter(notification::Column::UserId.eq(olivia_id))
        .all(&app.state.db)
        .await
        .unwrap();
    // Told what and where, and which of its campaigns it answered.
    assert!(
        told.iter().any(|n| n.kind == NotificationKind::LeadOffered
            && n.details.contains("from the campaign “AX7 launch”")),
        "{told:?}"
    );

    let d = detail(app, &maya, id).await;
    assert_eq!(d.card.stats.responded, 1, "counted with the campaign");

    // The same answer again, or the page again: thanks, and still one lead.
    let res = post_form(app, &link, answer).await;
    assert_eq!(res.status, StatusCode::OK);
    let page = app.get(HOST_A, &link, None).await;
    assert!(page.body.contains("Northwind Systems has your request"));
    assert_eq!(count().await, 1);

    let forged = format!("{}x", &link[..link.len() - 1]);
    assert_eq!(
        app.get(HOST_A, &forged, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        post_form(app, &forged, answer).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(count().await, 1);
}

both!(lifecycle_tracking_and_unsubscribe, lifecycle);
both!(campaign_responses_become_leads, responses_become_leads);
both!(sends_scheduled_in_own_time_zone, scheduled_in_own_time_zone);
both!(contacts_added_by_hand, add_by_hand);
both!(activity_counted_in_own_days, activity_days_in_own_time_zone);
both!(
    queue_survives_crashes_without_duplicates,
    queue_survives_crashes
);
both!(running_job_keeps_its_lease, lease_renewed_while_working);
both!(retries_with_backoff_and_rate_limit, retries_and_rate_limit);
both!(permissions_and_fund_request_link, permissions_and_fund_link);

/// A local SMTP sink (aiosmtpd from PyPI) writing what it receives to a
/// maildir; stopped when dropped.
struct SmtpSink {
    child: std::process::Child,
    port: u16,
    dir: std::path::PathBuf,
}

impl SmtpSink {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = std::env::temp_dir().join(format!("prm_smtp_{}_{port}", std::process::id()));
        // aiosmtpd's Maildir makes the directory (and its tmp/new/cur).
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&dir)
            .spawn()
            .expect("python3 runs (make test-deps installs aiosmtpd)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Self { child, port, dir };
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let mut child = child;
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start; install it with `pip install aiosmtpd` (make test-deps)");
    }

    fn received(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.join("new"))
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The campaign e-mails cross a real SMTP conversation intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn smtp_round_trip_to_a_local_sink() {
    let sink = SmtpSink::start();
    let app = TestApp::new(common::Backend::Sqlite).await;
    let (_maya, olivia, id) = ready(&app).await;
    let res = send_now(&app, &olivia, id).await;
    accepted(&res);
    let mut smtp = app.state.clone();
    let mut config = (*smtp.config).clone();
    config.smtp = Some(app::ssr::config::SmtpConfig {
        host: "127.0.0.1".into(),
        port: sink.port,
        username: None,
        password: None,
        security: "none".into(),
    });
    smtp.mailer = app::ssr::mail::Mailer::from_config(&config).unwrap();
    smtp.config = std::sync::Arc::new(config);
    jobs::drain(&smtp).await.unwrap();
    assert_eq!(count_messages(&app, "delivered").await, 5);
    let mut got = Vec::new();
    for _ in 0..50 {
        got = sink.received();
        if got.iter().filter(|m| m.contains("Meet the AX7")).count() >= 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let campaign: Vec<&String> = got
        .iter()
        .filter(|m| m.contains("Subject: Meet the AX7"))
        .collect();
    assert_eq!(campaign.len(), 5, "five e-mails reached the SMTP server");
    for m in campaign {
        assert!(
            m.contains("List-Unsubscribe: <http://portal.test/m/u/"),
            "{m}"
        );
        assert!(m.contains("Message-ID: <campaign-"), "stable Message-ID");
        assert!(m.contains("text/html"));
    }
}
