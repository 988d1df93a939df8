//! The holes a security review found, each closed at its root and pinned
//! here: stored files served inert (one table of file routes), the
//! post-sign-in redirect, sign-in limits counted atomically and per client,
//! reset links spent by a password change, invitation flooding, forum
//! moderators above their station, and mention hints from hidden categories.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{fund_claim, fund_claim_file, tenant};
use app::types::Role;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::{TestApp, HOST_A, PASSWORD, PNG};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use server::routes::{plain_routes, policy, Delivery, RouteKind};
use std::collections::BTreeSet;
use std::net::SocketAddr;

const SCALE_HOST: &str = "scale.portal.test";

/// One request that gets a file from a file route.
struct Fetch {
    route: &'static str,
    url: String,
    host: &'static str,
    cookie: Option<String>,
    content_type: &'static str,
}

/// Stores a proof file of `content_type` on a claim of the small scale
/// program (which has claims in every state) and returns its id.
async fn stored_proof(app: &TestApp, bytes: &[u8], name: &str, content_type: &str) -> i64 {
    let scale = tenant::Entity::find()
        .filter(tenant::Column::Slug.eq(app::ssr::seed::scale::SLUG))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("scale program seeded");
    let claim = fund_claim::Entity::find()
        .filter(fund_claim::Column::TenantId.eq(scale.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a claim");
    let key = format!("tenants/{}/proof/test-{name}", scale.id);
    app.state.storage.put(&key, bytes.to_vec()).await.unwrap();
    fund_claim_file::ActiveModel {
        tenant_id: Set(scale.id),
        claim_id: Set(claim.id),
        object_key: Set(key),
        file_name: Set(name.into()),
        content_type: Set(content_type.into()),
        size_bytes: Set(bytes.len() as i64),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

/// A PDF the scale program's admin attached to a waiting registration;
/// the file's id.
async fn deal_file(app: &TestApp, admin: &str) -> i64 {
    use app::ssr::entities::{deal, deal_file};
    let scale = tenant::Entity::find()
        .filter(tenant::Column::Slug.eq(app::ssr::seed::scale::SLUG))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("scale program seeded");
    let waiting = deal::Entity::find()
        .filter(deal::Column::TenantId.eq(scale.id))
        .filter(deal::Column::Status.eq(app::types::deal::DealStatus::Submitted))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a waiting registration");
    let path = format!("/deals/{}/files", waiting.id);
    let res = app
        .post_file(
            SCALE_HOST,
            &path,
            admin,
            "file",
            "quote.pdf",
            b"%PDF-1.7\n%%EOF",
        )
        .await;
    let to = res.location().unwrap_or_default();
    assert!(
        to.contains("saved=file"),
        "{} {to} {}",
        res.status,
        res.body
    );
    deal_file::Entity::find()
        .filter(deal_file::Column::DealId.eq(waiting.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("stored")
        .id
}

/// A design of the flyer (no approval needed), saved by Sam.
async fn flyer_design(app: &TestApp, sam: &str) -> i64 {
    let flyer = app::ssr::entities::cobrand_template::Entity::find()
        .filter(app::ssr::entities::cobrand_template::Column::Name.contains("flyer"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("flyer template")
        .id
        .to_string();
    let res = app
        .call(
            HOST_A,
            "save_design",
            Some(sam),
            &[
                ("template_id", &flyer),
                ("name", "Inert flyer"),
                ("values[headline]", "Wi-Fi 7 is here"),
            ],
        )
        .await;
    let location = res.location().expect("redirects to the design");
    location
        .trim_start_matches("/cobrand/designs/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// A published campaign by Maya, for its results CSV.
async fn campaign(app: &TestApp, maya: &str) -> i64 {
    let email = app::ssr::entities::cobrand_template::Entity::find()
        .filter(app::ssr::entities::cobrand_template::Column::Name.eq("AX7 announcement email"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("e-mail template")
        .id
        .to_string();
    let res = app
        .call(
            HOST_A,
            "save_campaign",
            Some(maya),
            &[
                ("name", "Inert report"),
                ("goal", "Headers"),
                ("starts_on", "2026-01-01"),
                ("ends_on", "2099-12-31"),
                ("tiers[platinum]", "on"),
                ("email_template_id", &email),
                ("email_subject", "Hello"),
            ],
        )
        .await;
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{}",
        res.body
    );
    app.call(HOST_A, "get_campaigns_page", Some(maya), &[])
        .await
        .json()["campaigns"][0]["id"]
        .as_i64()
        .expect("campaign listed")
}

/// One fetch per file route (two for proof: a PDF and a photo differ).
async fn fetches(app: &TestApp) -> Vec<Fetch> {
    app::ssr::seed::scale::seed(&app.state.db, 12)
        .await
        .unwrap();
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    let maya = app.sign_in(HOST_A, "maya.lin@acme.example").await;
    let felix = app.sign_in(HOST_A, "felix.ortiz@acme.example").await;
    let scale_admin = app.sign_in(SCALE_HOST, "admin@scale.example").await;

    // Bluepeak's logo: a 1×1 logo on Northwind would block Sam's export.
    let ines = app.sign_in(HOST_A, "ines@bluepeak.example").await;
    let bluepeak = app.org_id("Bluepeak Distribution").await;
    let logo = app
        .post_file(
            HOST_A,
            &format!("/partners/{bluepeak}/logo"),
            &ines,
            "logo",
            "logo.png",
            PNG,
        )
        .await;
    assert!(logo.location().unwrap().contains("saved=logo"));
    let picture = app
        .post_file(HOST_A, "/forum/uploads", &sam, "file", "rack.png", PNG)
        .await;
    assert_eq!(picture.status, StatusCode::OK, "{}", picture.body);
    let picture_url = picture
        .body
        .split('(')
        .nth(1)
        .unwrap()
        .trim_end_matches(')')
        .to_owned();
    let tenant_a = app::ssr::repo::tenants::by_slug(&app.state.db, "acme")
        .await
        .unwrap()
        .unwrap()
        .id;
    let hash = "ab".repeat(32);
    app.state
        .storage
        .put(
            &format!("campaign-images/{tenant_a}/{hash}.png"),
            PNG.to_vec(),
        )
        .await
        .unwrap();
    let pdf = stored_proof(app, b"%PDF-1.7\n%%EOF", "invoice.pdf", "application/pdf").await;
    let jpeg = stored_proof(
        app,
        &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0],
        "booth.jpg",
        "image/jpeg",
    )
    .await;
    let deal_file = deal_file(app, &scale_admin).await;
    let design = flyer_design(app, &sam).await;
    let campaign = campaign(app, &maya).await;

    let fetch = |route, url: String, cookie: Option<&String>, content_type| Fetch {
        route,
        url,
        host: HOST_A,
        cookie: cookie.cloned(),
        content_type,
    };
    vec![
        fetch(
            "/m/o/{id}/{file}",
            "/m/o/1/abc.gif".into(),
            None,
            "image/gif",
        ),
        fetch(
            "/m/i/{tenant}/{file}",
            format!("/m/i/{tenant_a}/{hash}.png"),
            None,
            "image/png",
        ),
        fetch(
            "/campaigns/{id}/report",
            format!("/campaigns/{campaign}/report"),
            Some(&maya),
            "text/csv; charset=utf-8",
        ),
        fetch(
            "/media/logos/{id}",
            format!("/media/logos/{bluepeak}"),
            Some(&ines),
            "image/png",
        ),
        fetch(
            "/forum/files/{tenant}/{name}",
            picture_url,
            Some(&sam),
            "image/png",
        ),
        fetch(
            "/cobrand/designs/{id}/export/{format}",
            format!("/cobrand/designs/{design}/export/png"),
            Some(&sam),
            "image/png",
        ),
        Fetch {
            host: SCALE_HOST,
            ..fetch(
                "/media/proof/{id}",
                format!("/media/proof/{pdf}"),
                Some(&scale_admin),
                "application/pdf",
            )
        },
        Fetch {
            host: SCALE_HOST,
            ..fetch(
                "/media/proof/{id}",
                format!("/media/proof/{jpeg}"),
                Some(&scale_admin),
                "image/jpeg",
            )
        },
        fetch(
            "/funds/ledger/export",
            "/funds/ledger/export".into(),
            Some(&felix),
            "text/csv; charset=utf-8",
        ),
        fetch(
            "/products/export",
            "/products/export".into(),
            Some(&maya),
            "text/csv; charset=utf-8",
        ),
        Fetch {
            host: SCALE_HOST,
            ..fetch(
                "/media/deal-files/{id}",
                format!("/media/deal-files/{deal_file}"),
                Some(&scale_admin),
                "application/pdf",
            )
        },
        Fetch {
            host: SCALE_HOST,
            ..fetch(
                "/leads/export",
                "/leads/export?status=queued".into(),
                Some(&scale_admin),
                "text/csv; charset=utf-8",
            )
        },
        Fetch {
            host: SCALE_HOST,
            ..fetch(
                "/deals/export",
                "/deals/export?status=submitted".into(),
                Some(&scale_admin),
                "text/csv; charset=utf-8",
            )
        },
    ]
}

/// Every file route, from the router's own table, answers with its row's
/// policy: sandboxed, never sniffed, and an attachment unless the row says
/// otherwise. A new file route without a fetch here fails the coverage check.
async fn file_routes_are_inert(app: &TestApp) {
    let rows: Vec<(&str, Delivery)> = plain_routes()
        .into_iter()
        .filter_map(|r| match r.kind {
            RouteKind::File(d) => Some((r.path, d)),
            _ => None,
        })
        .collect();
    let fetches = fetches(app).await;
    let covered: BTreeSet<&str> = fetches.iter().map(|f| f.route).collect();
    let listed: BTreeSet<&str> = rows.iter().map(|(p, _)| *p).collect();
    assert_eq!(covered, listed, "every file route has a fetch in this test");
    for f in &fetches {
        let delivery = rows.iter().find(|(p, _)| *p == f.route).unwrap().1;
        let res = app.get(f.host, &f.url, f.cookie.as_deref()).await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "{}: {} {:?}",
            f.url,
            res.body,
            res.location()
        );
        let h = |name| {
            res.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        assert_eq!(h(header::CONTENT_TYPE), f.content_type, "{}", f.url);
        let base_type = f.content_type.split(';').next().unwrap();
        let (csp, inline) = policy(delivery, base_type);
        assert_eq!(h(header::CONTENT_SECURITY_POLICY), csp, "{}", f.url);
        assert!(csp.contains("default-src 'none'"), "{}", f.url);
        assert_eq!(h(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{}", f.url);
        let disposition = h(header::CONTENT_DISPOSITION);
        let expected = if inline { "inline" } else { "attachment" };
        assert!(
            disposition.starts_with(expected),
            "{}: {disposition}",
            f.url
        );
        // Only a proof PDF may go without the sandbox, and only inline.
        if !csp.contains("sandbox") {
            assert_eq!(
                (f.route, base_type),
                ("/media/proof/{id}", "application/pdf")
            );
        }
    }
    // Error answers of a file route carry the policy too.
    let missing = app.get(HOST_A, "/media/proof/999999", None).await;
    assert_eq!(missing.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(missing
        .headers
        .contains_key(header::CONTENT_SECURITY_POLICY));
}
both!(every_file_route_is_served_inert, file_routes_are_inert);

/// No route is added to the router except through the table.
#[test]
fn routes_come_only_from_the_table() {
    let source = include_str!("../src/lib.rs");
    assert!(
        !source.contains(".route("),
        "add plain routes to server/src/routes.rs, where each gets a kind"
    );
}

async fn sign_in_redirect(app: &TestApp) {
    for (next, expected) in [
        ("/funds?tab=claims", "/funds?tab=claims"),
        ("/\t/evil.example", "/"),
        ("/%09/evil.example", "/%09/evil.example"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/.//evil.example", "/"),
        ("https://evil.example", "/"),
        ("/\r\nSet-Cookie: x=1", "/"),
        ("/\nx", "/"),
    ] {
        let res = app
            .call(
                HOST_A,
                "sign_in",
                None,
                &[
                    ("email", "maya.lin@acme.example"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert!(
            res.status.is_success() || res.status.is_redirection(),
            "{next:?}: {} {}",
            res.status,
            res.body
        );
        let target = res
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert_eq!(target, expected, "{next:?}");
    }
}
both!(sign_in_goes_only_to_our_own_pages, sign_in_redirect);

/// Every redirect target a request carries goes through the same check:
/// the moderation page's `back` too (a newline in it used to panic).
async fn moderation_redirect(app: &TestApp) {
    use app::ssr::entities::forum_post;
    let post = forum_post::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a demo post")
        .id
        .to_string();
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    for (back, expected) in [
        ("/forum/moderation?tab=flags", "/forum/moderation?tab=flags"),
        ("/forum/moderation\r\nSet-Cookie: x=1", "/"),
        ("/forum/moderation/../../..//evil.example", "/"),
    ] {
        let res = app
            .call(
                HOST_A,
                "moderate_post",
                Some(&dana),
                &[("post_id", &post), ("action", "dismiss"), ("back", back)],
            )
            .await;
        assert!(
            res.status.is_success() || res.status.is_redirection(),
            "{back:?}: {} {}",
            res.status,
            res.body
        );
        assert_eq!(res.location().as_deref(), Some(expected), "{back:?}");
    }
}
both!(
    moderation_goes_back_only_to_our_own_pages,
    moderation_redirect
);

/// A wrong sign-in from `ip`.
async fn guess(app: &TestApp, ip: [u8; 4], email: &str, password: &str) -> common::Resp {
    let mut req = Request::post("/api/sign_in")
        .header(header::HOST, HOST_A)
        .header(header::ORIGIN, format!("http://{HOST_A}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(common::encode_form(&[
            ("email", email),
            ("password", password),
        ])))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    app.send(req).await
}

async fn sign_in_limits(app: &TestApp) {
    let attacker = [203, 0, 113, 9];
    let owner = [198, 51, 100, 7];
    let email = "olivia@northwind.example";
    // Twelve guesses at once: the limit is counted with each guess already
    // recorded, so at most five are checked and the rest are refused.
    let answers = futures_util::future::join_all((0..12).map(|i| {
        guess(
            app,
            attacker,
            email,
            if i % 2 == 0 { "nope" } else { "wrong" },
        )
    }))
    .await;
    let checked = answers
        .iter()
        .filter(|r| r.status == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let limited = answers
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(checked <= 5, "{checked} guesses were checked");
    assert_eq!(checked + limited, 12);
    // Refused tries are not failures; guessing on, the sixth check never comes.
    let mut checked = checked;
    loop {
        let res = guess(app, attacker, email, "again").await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        checked += 1;
        assert!(checked <= 5, "a sixth guess was checked");
    }
    // The attacker's client is locked out, even with the right password...
    assert_eq!(
        guess(app, attacker, email, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // ...but the owner, on another network, is not.
    let owner_in = guess(app, owner, email, PASSWORD).await;
    assert!(
        owner_in.status.is_success() || owner_in.status.is_redirection(),
        "{} {}",
        owner_in.status,
        owner_in.body
    );
    assert!(owner_in.session_cookie().is_some());
}
both!(sign_in_limits_are_atomic_and_per_client, sign_in_limits);

async fn reset_links_spent(app: &TestApp) {
    let email = "olivia@northwind.example";
    let res = app
        .call(HOST_A, "request_password_reset", None, &[("email", email)])
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let token = app.mailed_token(email, "/reset-password");
    let olivia = app.sign_in(HOST_A, email).await;
    let changed = app
        .call(
            HOST_A,
            "change_my_password",
            Some(&olivia),
            &[
                ("current", PASSWORD),
                ("password", "a fresh long secret"),
                ("confirm", "a fresh long secret"),
            ],
        )
        .await;
    assert!(changed.status.is_success(), "{}", changed.body);
    let late = app
        .call(
            HOST_A,
            "reset_password",
            None,
            &[
                ("token", &token),
                ("password", "the attacker's choice"),
                ("confirm", "the attacker's choice"),
            ],
        )
        .await;
    assert_eq!(
        late.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        late.body
    );
    assert!(
        late.body.contains("expired or was already used"),
        "{}",
        late.body
    );
}
both!(a_password_change_spends_open_reset_links, reset_links_spent);

async fn invitation_flood(app: &TestApp) {
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let northwind = app.org_id("Northwind Systems").await.to_string();
    let max = app::ssr::services::invitations::MAX_INVITATIONS_PER_HOUR;
    for i in 0..=max {
        let email = format!("colleague{i}@northwind.example");
        let res = app
            .call(
                HOST_A,
                "invite_user",
                Some(&olivia),
                &[
                    ("organization_id", &northwind),
                    ("email", &email),
                    ("role", "partner_user"),
                ],
            )
            .await;
        if i < max {
            assert!(res.status.is_success(), "{i}: {} {}", res.status, res.body);
        } else {
            assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
        }
    }
}
both!(invitations_are_rate_limited, invitation_flood);

async fn suspension_rights(app: &TestApp) {
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let admin = app.user_id("admin@acme.example").await.to_string();
    let res = app
        .call(
            HOST_A,
            "suspend_member",
            Some(&dana),
            &[("user_id", &admin), ("days", "30"), ("reason", "coup")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    // A partner member is still hers to suspend.
    let sam = app.user_id("sam@northwind.example").await.to_string();
    let res = app
        .call(
            HOST_A,
            "suspend_member",
            Some(&dana),
            &[("user_id", &sam), ("days", "1"), ("reason", "spam")],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
}
both!(
    channel_managers_cannot_suspend_vendor_admins,
    suspension_rights
);

async fn mention_hints(app: &TestApp) {
    let db = &app.state.db;
    let tenant_a = app::ssr::repo::tenants::by_slug(db, "acme")
        .await
        .unwrap()
        .unwrap()
        .id;
    let hash = app::ssr::password::hash(PASSWORD.into()).await.unwrap();
    let bluepeak = app.org_id("Bluepeak Distribution").await;
    app::ssr::seed::insert_user(
        db,
        tenant_a,
        bluepeak,
        "nora@bluepeak.example",
        "Nora Quist",
        Role::PartnerUser,
        &hash,
    )
    .await
    .unwrap();
    let nora = app.sign_in(HOST_A, "nora@bluepeak.example").await;
    let forum = app.call(HOST_A, "get_forum", Some(&nora), &[]).await.json();
    let lounge = forum["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Platinum lounge")
        .expect("Bluepeak is Platinum")["id"]
        .to_string();
    let res = app
        .call(
            HOST_A,
            "create_topic",
            Some(&nora),
            &[
                ("category_id", &lounge),
                ("title", "Beta seats for Bluepeak"),
                ("body", "Two engineers from us, please."),
            ],
        )
        .await;
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{}",
        res.body
    );
    let hints = |cookie: String| async move {
        app.call(HOST_A, "find_members", Some(&cookie), &[("prefix", "nora")])
            .await
            .json()
    };
    // Priya (Gold) cannot see the lounge, so Nora is no hint for her...
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    assert_eq!(hints(priya).await, serde_json::json!([]));
    // ...while Olivia (Platinum, another company) can.
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    assert_eq!(hints(olivia).await[0]["name"], "Nora Quist");
}
both!(
    mention_hints_come_only_from_visible_categories,
    mention_hints
);
