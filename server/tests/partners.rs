//! Partner directory filters, keyset paging, profile edits with optimistic
//! concurrency and validation, and program placement.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestApp, HOST_A};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn org(app: &TestApp, name: &str) -> app::ssr::entities::organization::Model {
    use app::ssr::entities::organization;
    organization::Entity::find()
        .filter(organization::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn directory_filters_and_pages(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let gold = app
        .call(
            HOST_A,
            "list_partners",
            Some(&admin),
            &[("filter[tier]", "gold")],
        )
        .await
        .json();
    assert_eq!(gold["total"], 4, "{gold}");
    let emea_var = app
        .call(
            HOST_A,
            "list_partners",
            Some(&admin),
            &[("filter[region]", "emea"), ("filter[partner_type]", "var")],
        )
        .await
        .json();
    assert_eq!(emea_var["items"][0]["name"], "Nordlicht Netzwerke");
    let search = app
        .call(
            HOST_A,
            "list_partners",
            Some(&admin),
            &[("filter[q]", "SEATTLE")],
        )
        .await
        .json();
    assert_eq!(
        search["items"][0]["name"], "Northwind Systems",
        "case-insensitive search by city"
    );
    let wild = app
        .call(HOST_A, "list_partners", Some(&admin), &[("filter[q]", "%")])
        .await
        .json();
    assert_eq!(wild["total"], 0, "LIKE wildcards are matched literally");

    // 30 more partners make two pages; keyset paging returns each exactly once.
    let db = &app.state.db;
    let tenant = org(app, "Northwind Systems").await.tenant_id;
    for i in 0..30 {
        app::ssr::seed::insert_org(
            db,
            tenant,
            app::types::OrgKind::Partner,
            &format!("Zeta Partner {i:02}"),
            None,
        )
        .await
        .unwrap();
    }
    let first = app
        .call(HOST_A, "list_partners", Some(&admin), &[])
        .await
        .json();
    assert_eq!(first["items"].as_array().unwrap().len(), 20);
    let after = first["next_after"].as_str().unwrap().to_owned();
    let second = app
        .call(
            HOST_A,
            "list_partners",
            Some(&admin),
            &[("filter[after]", &after)],
        )
        .await
        .json();
    let mut all: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    let n = all.len();
    all.dedup();
    assert_eq!(n, all.len());
    let third_after = second["next_after"].as_str().unwrap().to_owned();
    let third = app
        .call(
            HOST_A,
            "list_partners",
            Some(&admin),
            &[("filter[after]", &third_after)],
        )
        .await
        .json();
    assert_eq!(n + third["items"].as_array().unwrap().len(), 43);
    assert!(third["next_after"].is_null());

    let page = app
        .get(HOST_A, "/partners?tier=platinum", Some(&admin))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Sakura Systems") && !page.body.contains("Koala Secure"),
        "filtered page renders on the server"
    );
}
both!(
    directory_filters_and_pages_test,
    directory_filters_and_pages
);

async fn profile_edits(app: &TestApp) {
    let northwind = org(app, "Northwind Systems").await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let mut form = tenancy_form(northwind.id, northwind.version);
    form.push(("website", "not a site"));
    let bad = app
        .call(HOST_A, "update_partner_profile", Some(&olivia), &form)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.json().to_string();
    assert!(
        body.contains("Enter a web address") && body.contains("Use a colour"),
        "{body}"
    );
    assert!(body.contains("not a site"), "what was typed comes back");

    let good = valid_form(northwind.id, northwind.version);
    let ok = app
        .call(HOST_A, "update_partner_profile", Some(&olivia), &good)
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    let saved = org(app, "Northwind Systems").await;
    assert_eq!(saved.website, "https://northwind.example");
    assert_eq!(saved.brand_color, "#aa22cc");
    assert_eq!(saved.version, northwind.version + 1);

    // Someone saving with the version they read before is told, not overwritten.
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let stale = app
        .call(
            HOST_A,
            "update_partner_profile",
            Some(&admin),
            &valid_form(northwind.id, northwind.version),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(
        stale.body.contains("changed this profile"),
        "{}",
        stale.body
    );

    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    let denied = app
        .call(
            HOST_A,
            "update_partner_profile",
            Some(&sam),
            &valid_form(northwind.id, saved.version),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
}
both!(profile_edits_test, profile_edits);

fn tenancy_form(id: i64, version: i32) -> Vec<(&'static str, &'static str)> {
    let id: &'static str = Box::leak(id.to_string().into_boxed_str());
    let version: &'static str = Box::leak(version.to_string().into_boxed_str());
    vec![
        ("id", id),
        ("version", version),
        ("phone", ""),
        ("email", ""),
        ("address", ""),
        ("city", ""),
        ("country", ""),
        ("brand_color", "blue"),
        ("description", ""),
    ]
}

fn valid_form(id: i64, version: i32) -> Vec<(&'static str, &'static str)> {
    let mut f = tenancy_form(id, version);
    f.retain(|(k, _)| *k != "brand_color");
    f.push(("brand_color", "#AA22CC"));
    f.push(("website", "northwind.example"));
    f
}

async fn program_placement_and_new_partner(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let dana_id = {
        use app::ssr::entities::user;
        user::Entity::find()
            .filter(user::Column::Email.eq("dana.cole@acme.example"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let missing = app
        .call(
            HOST_A,
            "create_partner",
            Some(&admin),
            &[
                ("name", ""),
                ("partner_type", "x"),
                ("tier", ""),
                ("region", "emea"),
                ("segment", "sales"),
                ("channel_manager_id", ""),
                ("buys_through", ""),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = missing.json().to_string();
    assert!(
        body.contains("Enter the company name")
            && body.contains("Choose a partner type")
            && body.contains("Choose a tier"),
        "{body}"
    );
    let created = app
        .call(
            HOST_A,
            "create_partner",
            Some(&admin),
            &[
                ("name", "Fjord Networks"),
                ("partner_type", "reseller"),
                ("tier", "silver"),
                ("region", "emea"),
                ("segment", "sales"),
                ("channel_manager_id", ""),
                ("buys_through", ""),
            ],
        )
        .await;
    assert!(created.status.is_success(), "{}", created.body);
    let fjord = org(app, "Fjord Networks").await;
    let eurolink = org(app, "Eurolink Distribution").await;
    let koala = org(app, "Koala Secure").await;
    let dana = dana_id.to_string();
    let (id, v, parent) = (
        fjord.id.to_string(),
        fjord.version.to_string(),
        eurolink.id.to_string(),
    );
    let not_distributor = koala.id.to_string();
    let form = |parent: &str| {
        vec![
            ("id", id.clone()),
            ("version", v.clone()),
            ("name", "Fjord Networks AS".into()),
            ("partner_type", "reseller".into()),
            ("tier", "gold".into()),
            ("region", "emea".into()),
            ("segment", "sales".into()),
            ("channel_manager_id", dana.clone()),
            ("buys_through", parent.to_owned()),
        ]
    };
    let as_refs = |f: &Vec<(&'static str, String)>| {
        f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    let bad = as_refs(&form(&not_distributor));
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app
        .call(HOST_A, "update_partner_program", Some(&admin), &bad)
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only a distributor can be a parent"
    );
    let good = as_refs(&form(&parent));
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let ok = app
        .call(HOST_A, "update_partner_program", Some(&admin), &good)
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    let saved = org(app, "Fjord Networks AS").await;
    assert_eq!(
        (
            saved.tier.as_deref(),
            saved.parent_id,
            saved.channel_manager_id
        ),
        (Some("gold"), Some(eurolink.id), Some(dana_id))
    );

    let dana_cookie = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let denied = app
        .call(HOST_A, "update_partner_program", Some(&dana_cookie), &good)
        .await;
    assert_eq!(
        denied.status,
        StatusCode::FORBIDDEN,
        "only vendor admins move partners"
    );
}
both!(
    program_placement_and_new_partner_test,
    program_placement_and_new_partner
);

fn multipart(bytes: &[u8], filename: &str) -> (String, Vec<u8>) {
    let boundary = "----prmtestboundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"{filename}\"\r\nContent-Type: image/png\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_logo(
    app: &TestApp,
    cookie: &str,
    id: i64,
    bytes: &[u8],
    filename: &str,
) -> common::Resp {
    use axum::body::Body;
    use axum::http::{header, Request};
    let (content_type, body) = multipart(bytes, filename);
    let req = Request::post(format!("/partners/{id}/logo"))
        .header(header::HOST, HOST_A)
        .header(header::ORIGIN, format!("http://{HOST_A}"))
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

fn stored_files(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| {
                        if e.path().is_dir() {
                            count(&e.path())
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    count(&app.data_dir.join("files"))
}

async fn logo_uploads(app: &TestApp) {
    let northwind = org(app, "Northwind Systems").await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

    // Refused: not an image despite the name, empty, oversized. Nothing stored.
    for (bytes, name, message) in [
        (
            b"<svg onload=alert(1)></svg>".to_vec(),
            "logo.png",
            "SVG%20cannot%20be%20used",
        ),
        (
            b"plain text".to_vec(),
            "logo.png",
            "PNG%2C%20JPEG%2C%20WebP%20or%20SVG",
        ),
        (Vec::new(), "empty.png", "Choose%20an%20image"),
        (
            [png.to_vec(), vec![0u8; 1024 * 1024]].concat(),
            "big.png",
            "larger%20than%201%20MB",
        ),
    ] {
        let res = post_logo(app, &olivia, northwind.id, &bytes, name).await;
        assert!(res.status.is_redirection(), "{}", res.status);
        let location = res.location().unwrap();
        assert!(
            location.contains("logo_error=") && location.contains(message),
            "{location}"
        );
    }
    assert_eq!(stored_files(app), 0);
    assert!(org(app, "Northwind Systems").await.logo_key.is_none());

    let ok = post_logo(app, &olivia, northwind.id, png, "logo.png").await;
    assert_eq!(
        ok.location().as_deref(),
        Some(&*format!("/partners/{}?saved=logo", northwind.id))
    );
    assert_eq!(stored_files(app), 1);
    let served = app
        .get(
            HOST_A,
            &format!("/media/logos/{}", northwind.id),
            Some(&olivia),
        )
        .await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers["content-type"], "image/png");
    // Replacing the logo removes the old file.
    post_logo(app, &olivia, northwind.id, png, "again.png").await;
    assert_eq!(stored_files(app), 1);

    // An SVG logo is stored rebuilt: no script or handler survives.
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20" onload="alert(1)"><script>alert(2)</script><rect width="40" height="20" fill="#123456"/></svg>"##;
    post_logo(app, &olivia, northwind.id, svg, "logo.svg").await;
    let served = app
        .get(
            HOST_A,
            &format!("/media/logos/{}", northwind.id),
            Some(&olivia),
        )
        .await;
    assert_eq!(served.headers["content-type"], "image/svg+xml");
    assert!(
        served.body.contains("#123456") && !served.body.contains("alert"),
        "{}",
        served.body
    );
    assert_eq!(stored_files(app), 1);

    // Another partner can neither see nor replace it.
    let priya = app.sign_in(HOST_A, "priya@harborit.example").await;
    assert_eq!(
        app.get(
            HOST_A,
            &format!("/media/logos/{}", northwind.id),
            Some(&priya)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let foreign = post_logo(app, &priya, northwind.id, png, "x.png").await;
    assert!(foreign.location().unwrap().contains("logo_error="));
    // The vendor sees it in the directory.
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let list = app
        .call(
            HOST_A,
            "list_partners",
            Some(&admin),
            &[("filter[q]", "northwind")],
        )
        .await
        .json();
    assert!(list["items"][0]["logo_url"]
        .as_str()
        .unwrap()
        .starts_with(&format!("/media/logos/{}", northwind.id)));

    use axum::body::Body;
    use axum::http::{header, Request};
    let req = Request::post(format!("/partners/{}/logo/remove", northwind.id))
        .header(header::HOST, HOST_A)
        .header(header::ORIGIN, format!("http://{HOST_A}"))
        .header(header::COOKIE, &olivia)
        .body(Body::empty())
        .unwrap();
    assert!(app.send(req).await.status.is_redirection());
    assert_eq!(stored_files(app), 0);
    assert_eq!(
        app.get(
            HOST_A,
            &format!("/media/logos/{}", northwind.id),
            Some(&olivia)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}
both!(logo_uploads_test, logo_uploads);
