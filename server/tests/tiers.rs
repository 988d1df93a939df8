//! Tiers as data: every program starts with four, vendor admins rename,
//! re-rank and add them and set their benefits; a partner, a filter or an
//! audience keeps the tier's code, so renaming breaks nothing.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::types::tier::TiersPage;
use axum::http::StatusCode;
use common::{TestApp, HOST_A, HOST_B};

async fn tiers(app: &TestApp, host: &str, cookie: &str) -> TiersPage {
    let res = app.call(host, "get_tiers", Some(cookie), &[]).await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    res.view()
}

fn tier_form<'a>(name: &'a str, rank: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("rank", rank),
        ("deal_protection_days", "180"),
        ("lead_weight", "200"),
        ("mdf_accrual", "3,5"),
        ("discount", "30"),
    ]
}

async fn programs_keep_their_own_tiers(app: &TestApp) {
    app.add_tenant_b().await;
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let page = tiers(app, HOST_A, &admin).await;
    let codes: Vec<&str> = page.tiers.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(
        codes,
        ["platinum", "gold", "silver", "registered"],
        "highest first"
    );
    assert!(page.can_edit);
    let gold = page
        .tiers
        .iter()
        .find(|t| t.code == "gold")
        .unwrap()
        .clone();
    assert_eq!(gold.partners, 4);
    assert_eq!(gold.deal_protection_days, 90);
    let boss = app.sign_in(HOST_B, "boss@globex.example").await;
    let theirs = tiers(app, HOST_B, &boss).await;
    assert_eq!(
        theirs.tiers.len(),
        4,
        "a new program starts with four tiers"
    );
    assert!(theirs.tiers.iter().all(|t| t.partners == 0));

    // Renamed with a German version: the code, filters and partners stay.
    let id = gold.id.to_string();
    let mut form = tier_form("Gold Partner", "2");
    form.extend([("id", id.as_str()), ("versions[name_de]", "Gold-Partner")]);
    let res = app.call(HOST_A, "save_tier", Some(&admin), &form).await;
    assert!(res.status.is_success(), "{}", res.body);
    let page = tiers(app, HOST_A, &admin).await;
    let gold = page.tiers.iter().find(|t| t.code == "gold").unwrap();
    assert_eq!(gold.name, "Gold Partner");
    assert_eq!(gold.mdf_accrual_bp, 350);
    assert_eq!(gold.discount_bp, 3000);
    assert_eq!(gold.deal_protection_days, 180);
    let list = app
        .call(
            HOST_A,
            "list_partners",
            Some(&admin),
            &[("filter[tier]", "gold")],
        )
        .await
        .json();
    assert_eq!(list["total"], 4);
    assert_eq!(list["items"][0]["tier"]["name"], "Gold Partner");
    let lena = app.sign_in(HOST_A, "lena@nordlicht.example").await;
    let dashboard = app
        .call(HOST_A, "get_dashboard", Some(&lena), &[])
        .await
        .body;
    assert!(dashboard.contains("Gold-Partner"), "{dashboard}");
    assert!(!dashboard.contains("\"Gold Partner\""), "{dashboard}");

    // Another program's admin cannot touch it.
    let res = app.call(HOST_B, "save_tier", Some(&boss), &form).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
both!(
    programs_keep_their_own_tiers_test,
    programs_keep_their_own_tiers
);

async fn a_new_tier_and_what_is_refused(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let bad = app
        .call(
            HOST_A,
            "save_tier",
            Some(&admin),
            &[
                ("name", "Platinum"),
                ("rank", "0"),
                ("deal_protection_days", "-1"),
                ("lead_weight", "lots"),
                ("mdf_accrual", "2.345"),
                ("discount", "101"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "rank from 1 to 99",
        "days from 0 to 730",
        "share from 0 to 1000",
        "percentage from 0 to 100",
    ] {
        assert!(bad.body.contains(message), "{message}: {}", bad.body);
    }
    let twice = app
        .call(
            HOST_A,
            "save_tier",
            Some(&admin),
            &tier_form("platinum", "1"),
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("already exists"), "{}", twice.body);

    let res = app
        .call(
            HOST_A,
            "save_tier",
            Some(&admin),
            &tier_form("Diamond Elite", "1"),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(
        res.location().as_deref(),
        Some("/tiers?saved=diamond_elite")
    );
    let page = tiers(app, HOST_A, &admin).await;
    assert_eq!(page.tiers[0].code, "diamond_elite");
    assert_eq!(page.tiers.len(), 5);
    let ranks: Vec<i32> = page.tiers.iter().map(|t| t.rank).collect();
    assert_eq!(
        ranks,
        [1, 2, 3, 4, 5],
        "placed at a taken rank, the others move down"
    );

    // Partners take the new tier by its code; an unknown code is refused.
    let add = |tier: &'static str| {
        vec![
            ("name", "Kestrel Networks"),
            ("partner_type", "reseller"),
            ("tier", tier),
            ("region", "emea"),
            ("segment", "sales"),
            ("channel_manager_id", ""),
            ("buys_through", ""),
        ]
    };
    let refused = app
        .call(HOST_A, "create_partner", Some(&admin), &add("mythril"))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Choose a tier"), "{}", refused.body);
    let ok = app
        .call(
            HOST_A,
            "create_partner",
            Some(&admin),
            &add("diamond_elite"),
        )
        .await;
    assert!(
        ok.status.is_success() || ok.status.is_redirection(),
        "{}",
        ok.body
    );
    let page = tiers(app, HOST_A, &admin).await;
    assert_eq!(page.tiers[0].partners, 1);

    // Only vendor admins keep tiers; partners do not read the benefits.
    let maya = app.sign_in(HOST_A, "maya.lin@acme.example").await;
    let res = app
        .call(HOST_A, "save_tier", Some(&maya), &tier_form("X", "3"))
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(!tiers(app, HOST_A, &maya).await.can_edit);
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let res = app.call(HOST_A, "get_tiers", Some(&olivia), &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
both!(
    a_new_tier_and_what_is_refused_test,
    a_new_tier_and_what_is_refused
);

async fn partner_types_are_data_too(app: &TestApp) {
    app.add_tenant_b().await;
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let page = tiers(app, HOST_A, &admin).await;
    let codes: Vec<&str> = page.partner_types.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "reseller",
            "var",
            "msp",
            "system_integrator",
            "distributor",
            "isv"
        ]
    );
    let distributor = page
        .partner_types
        .iter()
        .find(|t| t.code == "distributor")
        .unwrap();
    assert!(distributor.distributes);
    assert_eq!(distributor.partners, 2, "the demo's two distributors");

    // A new type that distributes: a partner of it can have resellers under it.
    let res = app
        .call(
            HOST_A,
            "save_partner_type",
            Some(&admin),
            &[
                ("name", "Cloud marketplace"),
                ("distributes", "on"),
                ("versions[name_de]", "Cloud-Marktplatz"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(
        res.location().as_deref(),
        Some("/tiers?saved=cloud_marketplace")
    );
    let twice = app
        .call(
            HOST_A,
            "save_partner_type",
            Some(&admin),
            &[("name", "cloud Marketplace")],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    let create = |name: &'static str, partner_type: &'static str, parent: String| {
        let parent: &'static str = Box::leak(parent.into_boxed_str());
        vec![
            ("name", name),
            ("partner_type", partner_type),
            ("tier", "gold"),
            ("region", "emea"),
            ("segment", "sales"),
            ("channel_manager_id", ""),
            ("buys_through", parent),
        ]
    };
    let res = app
        .call(
            HOST_A,
            "create_partner",
            Some(&admin),
            &create("Skyline Market", "cloud_marketplace", String::new()),
        )
        .await;
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{}",
        res.body
    );
    let market = app.org_id("Skyline Market").await;
    let res = app
        .call(
            HOST_A,
            "create_partner",
            Some(&admin),
            &create("Tiny Reseller", "reseller", market.to_string()),
        )
        .await;
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{}",
        res.body
    );
    // A reseller cannot be placed under a reseller.
    let tiny = app.org_id("Tiny Reseller").await;
    let res = app
        .call(
            HOST_A,
            "create_partner",
            Some(&admin),
            &create("Tinier", "reseller", tiny.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .call(
            HOST_A,
            "create_partner",
            Some(&admin),
            &create("Nobody", "pirate", String::new()),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Choose"), "{}", res.body);

    // German readers see the German name; another program knows nothing of it.
    let list = app
        .call(
            HOST_A,
            "list_partners",
            Some(&admin),
            &[("filter[partner_type]", "cloud_marketplace")],
        )
        .await
        .json();
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["items"][0]["partner_type"]["name"],
        "Cloud marketplace"
    );
    let boss = app.sign_in(HOST_B, "boss@globex.example").await;
    let theirs = tiers(app, HOST_B, &boss).await;
    assert_eq!(theirs.partner_types.len(), 6);
    let maya = app.sign_in(HOST_A, "maya.lin@acme.example").await;
    let res = app
        .call(HOST_A, "save_partner_type", Some(&maya), &[("name", "X")])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
both!(partner_types_are_data_too_test, partner_types_are_data_too);
