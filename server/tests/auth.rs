//! Sign-in, sessions, sign-out, rate limiting, password reset and the
//! cross-origin guard, through the real router.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestApp, HOST_A, PASSWORD};

async fn sign_in_session_and_sign_out(app: &TestApp) {
    let res = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[("email", " Admin@Acme.example "), ("password", PASSWORD)],
        )
        .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    let set = res.set_cookie_header();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
        "{set}"
    );
    let cookie = res.session_cookie().unwrap();

    let home = app.get(HOST_A, "/", Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("Hello, Alex"),
        "dashboard greets the user: {}",
        home.body
    );
    assert!(home.body.contains("Partners"));

    let out = app.call(HOST_A, "sign_out", Some(&cookie), &[]).await;
    assert!(out.status.is_success(), "{}", out.status);
    let after = app.get(HOST_A, "/", Some(&cookie)).await;
    assert!(after.status.is_redirection());
    assert_eq!(after.location().as_deref(), Some("/sign-in"));
}
both!(
    sign_in_session_and_sign_out_works,
    sign_in_session_and_sign_out
);

async fn wrong_password_then_rate_limit(app: &TestApp) {
    let res = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[("email", "sam@northwind.example"), ("password", "nope")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let body = res.json();
    let text = body.to_string();
    assert!(text.contains("don't match"), "{text}");
    assert!(
        text.contains("sam@northwind.example"),
        "typed email is kept: {text}"
    );
    assert!(res.session_cookie().is_none());

    let bad = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[("email", "not-an-email"), ("password", "")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Enter your password"), "{}", bad.body);

    for _ in 0..4 {
        app.call(
            HOST_A,
            "sign_in",
            None,
            &[("email", "sam@northwind.example"), ("password", "nope")],
        )
        .await;
    }
    let limited = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[("email", "sam@northwind.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.body
    );
    assert!(limited.session_cookie().is_none());
    // Another account is not locked by someone else's failures.
    app.sign_in(HOST_A, "olivia@northwind.example").await;
}
both!(
    wrong_password_is_refused_then_rate_limited,
    wrong_password_then_rate_limit
);

async fn signed_out_visitors_go_to_sign_in(app: &TestApp) {
    let res = app.get(HOST_A, "/partners?tier=gold", None).await;
    assert!(res.status.is_redirection());
    assert_eq!(
        res.location().as_deref(),
        Some("/sign-in?next=/partners%3Ftier%3Dgold")
    );
    let page = app.get(HOST_A, "/sign-in", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Acme Networks"));
    assert!(page.body.contains(r#"name="email""#));
    let data = app.call(HOST_A, "get_dashboard", None, &[]).await;
    assert_eq!(data.status, StatusCode::UNAUTHORIZED);
}
both!(
    signed_out_visitors_go_to_sign_in_page,
    signed_out_visitors_go_to_sign_in
);

async fn password_reset_flow(app: &TestApp) {
    let old = app.sign_in(HOST_A, "maya.lin@acme.example").await;
    let res = app
        .call(
            HOST_A,
            "request_password_reset",
            None,
            &[("email", "maya.lin@acme.example")],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let unknown = app
        .call(
            HOST_A,
            "request_password_reset",
            None,
            &[("email", "nobody@acme.example")],
        )
        .await;
    assert!(
        unknown.status.is_success(),
        "same answer for unknown addresses"
    );
    assert_eq!(app.outbox().len(), 1, "only the real account gets mail");
    let token = app.mailed_token("maya.lin@acme.example", "/reset-password");

    let short = app
        .call(
            HOST_A,
            "reset_password",
            None,
            &[
                ("token", &token),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app
        .call(
            HOST_A,
            "reset_password",
            None,
            &[
                ("token", &token),
                ("password", "a brand new secret"),
                ("confirm", "a brand new secret"),
            ],
        )
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    assert!(
        app.get(HOST_A, "/", Some(&old))
            .await
            .status
            .is_redirection(),
        "old sessions end on reset"
    );
    let again = app
        .call(
            HOST_A,
            "reset_password",
            None,
            &[
                ("token", &token),
                ("password", "another secret!"),
                ("confirm", "another secret!"),
            ],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a link works once"
    );
    let new = app
        .call(
            HOST_A,
            "sign_in",
            None,
            &[
                ("email", "maya.lin@acme.example"),
                ("password", "a brand new secret"),
            ],
        )
        .await;
    assert!(new.session_cookie().is_some());
}
both!(password_reset_by_emailed_link, password_reset_flow);

async fn cross_origin_writes_are_refused(app: &TestApp) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let req = Request::post("/api/sign_in")
        .header(header::HOST, HOST_A)
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(common::encode_form(&[
            ("email", "admin@acme.example"),
            ("password", PASSWORD),
        ])))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.session_cookie().is_none());
}
both!(
    cross_origin_writes_are_refused_test,
    cross_origin_writes_are_refused
);

async fn health_and_headers(app: &TestApp) {
    let res = app.get(HOST_A, "/healthz", None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["database"], "ok");
    let page = app.get(HOST_A, "/sign-in", None).await;
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(csp.contains("object-src 'none'"));
    // Scripts: our origin, or inline with this response's nonce only.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src");
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(!csp.contains("'unsafe-inline' 'wasm") && !csp.contains("script-src 'unsafe-inline'"));
    let scripts = page.body.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        page.body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every inline script carries the nonce: {}",
        page.body
    );
    let again = app.get(HOST_A, "/sign-in", None).await;
    assert!(!again.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains(nonce));
    let referrer = &page.headers["referrer-policy"];
    assert_eq!(referrer, "same-origin");
}
both!(
    health_reports_database_and_headers_are_set,
    health_and_headers
);

/// Pages and server-function answers go out compressed: zstd when the
/// client takes it, else brotli or gzip, and as they are to a client that
/// accepts none of those.
async fn compressed_responses(app: &TestApp) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let cookie = app.sign_in(HOST_A, "admin@acme.example").await;
    let page = |accept: Option<&str>| {
        let mut req = Request::get("/")
            .header(header::HOST, HOST_A)
            .header(header::COOKIE, &cookie);
        if let Some(a) = accept {
            req = req.header(header::ACCEPT_ENCODING, a);
        }
        app.send(req.body(Body::empty()).unwrap())
    };

    let plain = page(None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(!plain.headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(plain.wire_len, plain.bytes.len());
    let nonce = |res: &common::Resp| {
        let csp = res.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        csp.split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap()
            .to_owned()
    };

    // First what Chromium sends, then what other clients may.
    let chromium = app.get(HOST_A, "/", Some(&cookie)).await;
    for (res, encoding) in [
        (chromium, "zstd"),
        (page(Some("gzip, deflate, br")).await, "br"),
        (page(Some("gzip")).await, "gzip"),
    ] {
        assert_eq!(res.headers[header::CONTENT_ENCODING], encoding);
        assert!(res.headers[header::VARY]
            .to_str()
            .unwrap()
            .contains("accept-encoding"));
        // The same page, but for the nonce each response has its own of.
        assert_eq!(
            res.body,
            plain.body.replace(&nonce(&plain), &nonce(&res)),
            "{encoding}"
        );
        assert!(
            res.wire_len * 2 < plain.wire_len,
            "{encoding}: {} of {} bytes",
            res.wire_len,
            plain.wire_len
        );
    }

    let refused = page(Some("identity")).await;
    assert!(!refused.headers.contains_key(header::CONTENT_ENCODING));

    let me = app
        .call(HOST_A, "get_current_user", Some(&cookie), &[])
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.headers[header::CONTENT_ENCODING], "zstd");
    assert_eq!(me.json()["email"], "admin@acme.example");
}
both!(pages_and_answers_are_compressed, compressed_responses);

async fn unknown_routes_are_404(app: &TestApp) {
    let cookie = app.sign_in(HOST_A, "admin@acme.example").await;
    let res = app.get(HOST_A, "/no/such/page", Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("couldn"), "a real 404 page");
}
both!(unknown_routes_render_404, unknown_routes_are_404);

async fn idle_sessions_expire(app: &TestApp) {
    use app::ssr::entities::session;
    use sea_orm::{sea_query::Expr, EntityTrait};
    let cookie = app.sign_in(HOST_A, "felix.ortiz@acme.example").await;
    assert_eq!(
        app.get(HOST_A, "/", Some(&cookie)).await.status,
        StatusCode::OK
    );
    let long_ago = chrono::Utc::now() - chrono::Duration::days(3);
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(long_ago))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert!(app
        .get(HOST_A, "/", Some(&cookie))
        .await
        .status
        .is_redirection());
}
both!(idle_sessions_expire_test, idle_sessions_expire);
