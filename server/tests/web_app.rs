//! The portal as an installable app: a manifest named and coloured for the
//! program, its icons, the service worker (versioned with the build's
//! files) and the offline page, in the visitor's language.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{TestApp, BROWSER_ENCODINGS, HOST_A};

async fn get_in(app: &TestApp, path: &str, language: &str) -> common::Resp {
    let req = Request::get(path)
        .header(header::HOST, HOST_A)
        .header(header::ACCEPT_LANGUAGE, language)
        .header(header::ACCEPT_ENCODING, BROWSER_ENCODINGS);
    app.send(req.body(Body::empty()).unwrap()).await
}

async fn installs_as_the_programs_app(app: &TestApp) {
    // Every page points at the manifest; the browser's files carry the
    // build's version, so they can be kept for good.
    let page = get_in(app, "/sign-in", "en").await;
    assert!(page
        .body
        .contains(r#"<link rel="manifest" href="/manifest.webmanifest""#));
    assert!(page
        .body
        .contains(r##"<meta name="theme-color" content="#0b5cab""##));
    let version = app::ssr::assets::version();
    assert!(
        page.body.contains(&format!("/pkg/prm.css?v={version}")),
        "{}",
        page.body
    );

    let res = get_in(app, "/manifest.webmanifest", "de").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.headers[header::CONTENT_TYPE],
        "application/manifest+json"
    );
    let m = res.json();
    assert_eq!(m["name"], "Acme Networks");
    assert_eq!(m["display"], "standalone");
    assert_eq!(m["start_url"], "/");
    assert_eq!(m["theme_color"], "#0b5cab");
    assert_eq!(m["lang"], "de");
    assert!(m["description"]
        .as_str()
        .unwrap()
        .starts_with("Partnerportal"));
    let icons = m["icons"].as_array().unwrap();
    assert!(icons.iter().any(|i| i["purpose"] == "maskable"));
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        let res = get_in(app, src, "en").await;
        assert_eq!(res.status, StatusCode::OK, "{src}");
        assert_eq!(res.headers[header::CONTENT_TYPE], "image/png");
        let size = icon["sizes"].as_str().unwrap().split('x').next().unwrap();
        // PNG: width at bytes 16..20 of the IHDR chunk.
        let width = u32::from_be_bytes(res.bytes[16..20].try_into().unwrap());
        assert_eq!(width.to_string(), size, "{src}");
    }
    assert_eq!(
        get_in(app, "/app-icon/..%2Fsecret.png", "en").await.status,
        StatusCode::NOT_FOUND
    );

    let sw = get_in(app, "/sw.js", "en").await;
    assert_eq!(sw.status, StatusCode::OK);
    assert_eq!(sw.headers[header::CONTENT_TYPE], "text/javascript");
    assert!(sw.body.contains(&format!("prm-static-{version}")));
    assert!(!sw.body.contains("__VERSION__"));

    let offline = get_in(app, "/offline", "de").await;
    assert_eq!(offline.status, StatusCode::OK);
    assert!(
        offline.body.contains("<h1>Sie sind offline</h1>"),
        "{}",
        offline.body
    );
    assert!(offline.body.contains("Acme Networks"));
    let offline = get_in(app, "/offline", "en").await;
    assert!(offline.body.contains("<h1>You are offline</h1>"));
}
both!(installs_as_the_programs_app, installs_as_the_programs_app);
