//! Territories: vendor admins and a partner's channel manager keep where it
//! works (countries, regions, postcode prefixes, a location with a service
//! radius); the partner reads its own; the directory finds who works at a
//! place.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::types::territory::TerritoryView;
use app::types::views::PartnerDetail;
use axum::http::StatusCode;
use common::{TestApp, HOST_A, HOST_B};

async fn partner_id(app: &TestApp, cookie: &str, name: &str) -> String {
    let list = app
        .call(
            HOST_A,
            "list_partners",
            Some(cookie),
            &[("filter[q]", name)],
        )
        .await
        .json();
    list["items"][0]["id"].as_i64().unwrap().to_string()
}

async fn territory(app: &TestApp, host: &str, cookie: &str, id: &str) -> TerritoryView {
    let res = app
        .call(host, "get_partner", Some(cookie), &[("id", id)])
        .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    res.view::<PartnerDetail>().territory
}

/// "DE 80", "AT", "US Oregon": an area as a short label.
fn labels(t: &TerritoryView) -> Vec<String> {
    t.areas
        .iter()
        .map(|a| {
            [
                a.country.as_str(),
                a.region.as_str(),
                a.postcode_prefix.as_str(),
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
        })
        .collect()
}

/// The names of the partners the directory finds with these filters.
async fn working_in(app: &TestApp, cookie: &str, filters: &[(&str, &str)]) -> Vec<String> {
    let res = app
        .call(HOST_A, "list_partners", Some(cookie), filters)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let mut names: Vec<String> = res.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

async fn vendors_keep_where_partners_work(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let nordlicht = partner_id(app, &admin, "Nordlicht").await;
    let t = territory(app, HOST_A, &admin, &nordlicht).await;
    assert!(t.can_edit);
    assert_eq!(t.countries.len(), 250, "every country to choose from");
    assert_eq!(
        labels(&t),
        ["AT", "DE 80", "DE 81", "DE 82", "DE 85", "DE 86"]
    );
    assert_eq!(t.areas[0].country_name, "Austria");
    let location = t.location.unwrap();
    assert_eq!(
        (location.at.lat_e6, location.radius_km),
        (48_137_200, Some(120))
    );

    // Postcodes of Berlin, typed loosely; the same again adds nothing.
    let id = nordlicht.as_str();
    let add = [("id", id), ("country", "de"), ("postcodes", " 10, 12 ;10")];
    let res = app
        .call(HOST_A, "add_territory_areas", Some(&admin), &add)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let t = territory(app, HOST_A, &admin, id).await;
    assert!(labels(&t).contains(&"DE 10".to_owned()) && labels(&t).contains(&"DE 12".to_owned()));
    let again = app
        .call(HOST_A, "add_territory_areas", Some(&admin), &add)
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already has this"), "{}", again.body);

    // A region is kept as typed, once.
    let bavaria = [("id", id), ("country", "DE"), ("region", "  Bayern ")];
    let res = app
        .call(HOST_A, "add_territory_areas", Some(&admin), &bavaria)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let t = territory(app, HOST_A, &admin, id).await;
    assert!(
        labels(&t).contains(&"DE Bayern".to_owned()),
        "{:?}",
        labels(&t)
    );

    // Bad input is named by field and adds nothing.
    for (form, field, message) in [
        (vec![("country", "ZZ")], "country", "Choose a country."),
        (vec![("country", "")], "country", "Choose a country."),
        (
            vec![("country", "DE"), ("region", "Bayern"), ("postcodes", "80")],
            "postcodes",
            "not both",
        ),
        (
            vec![("country", "DE"), ("postcodes", "80<b>")],
            "postcodes",
            "is not a postcode prefix",
        ),
    ] {
        let mut form = form;
        form.push(("id", id));
        let res = app
            .call(HOST_A, "add_territory_areas", Some(&admin), &form)
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        assert!(res.body.contains(message), "{field}: {}", res.body);
    }
    assert_eq!(
        territory(app, HOST_A, &admin, id).await.areas.len(),
        t.areas.len()
    );

    // Removing an area; a second time it is gone.
    let berlin = t
        .areas
        .iter()
        .find(|a| a.postcode_prefix == "10")
        .unwrap()
        .id
        .to_string();
    let remove = [("id", id), ("area_id", berlin.as_str())];
    let res = app
        .call(HOST_A, "remove_territory_area", Some(&admin), &remove)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let res = app
        .call(HOST_A, "remove_territory_area", Some(&admin), &remove)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Not through another partner's id.
    let tamesis = partner_id(app, &admin, "Tamesis").await;
    let twelve = t
        .areas
        .iter()
        .find(|a| a.postcode_prefix == "12")
        .unwrap()
        .id
        .to_string();
    let res = app
        .call(
            HOST_A,
            "remove_territory_area",
            Some(&admin),
            &[("id", &tamesis), ("area_id", &twelve)],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // The location, typed with German decimal commas; then cleared.
    let set = [
        ("id", id),
        ("coordinates", "52,52; 13,405"),
        ("radius_km", "50"),
    ];
    let res = app
        .call(HOST_A, "set_partner_location", Some(&admin), &set)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let at = territory(app, HOST_A, &admin, id).await.location.unwrap();
    assert_eq!(
        (at.at.lat_e6, at.at.lon_e6, at.radius_km),
        (52_520_000, 13_405_000, Some(50))
    );
    for (coordinates, radius, message) in [
        ("95, 11", "", "from -90 to 90"),
        ("Munich", "", "Type latitude and longitude"),
        ("48, 11", "0", "whole kilometres"),
        ("", "40", "needs the location"),
    ] {
        let bad = [
            ("id", id),
            ("coordinates", coordinates),
            ("radius_km", radius),
        ];
        let res = app
            .call(HOST_A, "set_partner_location", Some(&admin), &bad)
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{coordinates} {radius}"
        );
        assert!(res.body.contains(message), "{}", res.body);
    }
    let profile_version = app
        .call(HOST_A, "get_partner", Some(&admin), &[("id", id)])
        .await
        .json()["version"]
        .clone();
    let clear = [("id", id), ("coordinates", ""), ("radius_km", "")];
    let res = app
        .call(HOST_A, "set_partner_location", Some(&admin), &clear)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let detail = app
        .call(HOST_A, "get_partner", Some(&admin), &[("id", id)])
        .await
        .json();
    assert!(detail["territory"]["location"].is_null());
    assert_eq!(
        detail["version"], profile_version,
        "an open profile form stays current"
    );

    // The partner reads its own territory, in its language, and keeps none.
    let lena = app.sign_in(HOST_A, "lena@nordlicht.example").await;
    let theirs = territory(app, HOST_A, &lena, id).await;
    assert!(!theirs.can_edit && theirs.countries.is_empty());
    let names: Vec<&str> = theirs
        .areas
        .iter()
        .map(|a| a.country_name.as_str())
        .collect();
    assert_eq!(names.first(), Some(&"Deutschland"));
    assert!(names.contains(&"Österreich"), "{names:?}");
}
both!(
    vendors_keep_where_partners_work_test,
    vendors_keep_where_partners_work
);

async fn the_directory_finds_who_works_at_a_place(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let choices = app
        .call(HOST_A, "get_audience_choices", Some(&admin), &[])
        .await
        .json();
    let countries: Vec<&str> = choices["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[0].as_str().unwrap())
        .collect();
    // The demo program's partners work in fourteen countries, by name.
    assert_eq!(
        countries,
        ["AR", "AU", "AT", "BE", "CA", "CL", "FR", "DE", "JP", "LU", "NL", "CH", "GB", "US"]
    );

    let de = working_in(app, &admin, &[("filter[country]", "DE")]).await;
    assert_eq!(de, ["Eurolink Distribution", "Nordlicht Netzwerke"]);
    // Munich: Nordlicht's prefix 80 and Eurolink's whole country.
    let munich = working_in(
        app,
        &admin,
        &[("filter[country]", "DE"), ("filter[postcode]", "80331")],
    )
    .await;
    assert_eq!(munich, ["Eurolink Distribution", "Nordlicht Netzwerke"]);
    // Cologne: Eurolink only.
    let cologne = working_in(
        app,
        &admin,
        &[("filter[country]", "de"), ("filter[postcode]", "50667")],
    )
    .await;
    assert_eq!(cologne, ["Eurolink Distribution"]);
    // London, typed with a space: Tamesis's SW prefix.
    let london = working_in(
        app,
        &admin,
        &[("filter[country]", "GB"), ("filter[postcode]", "sw1a 1aa")],
    )
    .await;
    assert_eq!(london, ["Tamesis Cloud"]);
    // With other filters, and with an unknown country (no filter).
    let gold_de = working_in(
        app,
        &admin,
        &[("filter[country]", "DE"), ("filter[tier]", "gold")],
    )
    .await;
    assert_eq!(gold_de, ["Eurolink Distribution", "Nordlicht Netzwerke"]);
    let all = working_in(app, &admin, &[("filter[country]", "ZZ' OR 1=1 --")]).await;
    assert_eq!(all.len(), 13, "an unknown country filters nothing");
    // "%" and "_" are characters, not wildcards ("8%" does not find the
    // prefix 80), and hostile text breaks nothing: only whole countries answer.
    for postcode in ["%", "_", "8%", "8_", "' OR 1=1 --"] {
        let found = working_in(
            app,
            &admin,
            &[("filter[country]", "DE"), ("filter[postcode]", postcode)],
        )
        .await;
        assert_eq!(found, ["Eurolink Distribution"], "{postcode}");
    }

    // A partner two of whose areas answer is one match.
    let nordlicht = partner_id(app, &admin, "Nordlicht").await;
    let add = [
        ("id", nordlicht.as_str()),
        ("country", "DE"),
        ("postcodes", "8"),
    ];
    let res = app
        .call(HOST_A, "add_territory_areas", Some(&admin), &add)
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let place = [("filter[country]", "DE"), ("filter[postcode]", "80331")];
    let list = app
        .call(HOST_A, "list_partners", Some(&admin), &place)
        .await
        .json();
    assert_eq!(
        (list["total"].clone(), list["total_capped"].clone()),
        (2.into(), false.into())
    );

    // A channel manager finds only the partners assigned to them.
    let raj = app.sign_in(HOST_A, "raj.patel@acme.example").await;
    let his = working_in(app, &raj, &[("filter[country]", "DE")]).await;
    assert_eq!(his, ["Eurolink Distribution", "Nordlicht Netzwerke"]);
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    let hers = working_in(app, &dana, &[("filter[country]", "DE")]).await;
    assert!(hers.is_empty(), "{hers:?}");
}
both!(
    the_directory_finds_who_works_at_a_place_test,
    the_directory_finds_who_works_at_a_place
);

async fn who_may_keep_a_territory(app: &TestApp) {
    app.add_tenant_b().await;
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let northwind = partner_id(app, &admin, "Northwind").await;
    let nordlicht = partner_id(app, &admin, "Nordlicht").await;
    let add = |id: &str| vec![("id", id.to_owned()), ("country", "CA".to_owned())];
    let call = |cookie: String, id: String| async move {
        let form: Vec<(&str, String)> = add(&id);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        app.call(HOST_A, "add_territory_areas", Some(&cookie), &form)
            .await
            .status
    };
    // Dana manages Northwind, not Nordlicht (Raj's).
    let dana = app.sign_in(HOST_A, "dana.cole@acme.example").await;
    assert!(territory(app, HOST_A, &dana, &northwind).await.can_edit);
    assert!(call(dana.clone(), northwind.clone()).await.is_success());
    assert_eq!(call(dana, nordlicht.clone()).await, StatusCode::NOT_FOUND);
    // Marketing and finance read the program but keep no territories.
    for email in ["maya.lin@acme.example", "felix.ortiz@acme.example"] {
        let who = app.sign_in(HOST_A, email).await;
        assert!(!territory(app, HOST_A, &who, &nordlicht).await.can_edit);
        assert_eq!(
            call(who, nordlicht.clone()).await,
            StatusCode::FORBIDDEN,
            "{email}"
        );
    }
    // A partner admin reads its own territory and changes none of it.
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    assert_eq!(
        call(olivia.clone(), northwind.clone()).await,
        StatusCode::FORBIDDEN
    );
    let set = [("id", northwind.as_str()), ("coordinates", "1, 1")];
    let res = app
        .call(HOST_A, "set_partner_location", Some(&olivia), &set)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // Another program's admin does not find the partner at all.
    let boss = app.sign_in(HOST_B, "boss@globex.example").await;
    let form = [("id", nordlicht.as_str()), ("country", "DE")];
    let res = app
        .call(HOST_B, "add_territory_areas", Some(&boss), &form)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .call(
            HOST_B,
            "set_partner_location",
            Some(&boss),
            &[("id", nordlicht.as_str()), ("coordinates", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let territory_b = app
        .call(HOST_B, "get_audience_choices", Some(&boss), &[])
        .await
        .json();
    assert_eq!(
        territory_b["countries"],
        serde_json::json!([]),
        "program B's partners work nowhere yet"
    );
}
both!(who_may_keep_a_territory_test, who_may_keep_a_territory);

/// A directory past the count cap: "more than 200" instead of counting
/// every partner, and the pages still come in name order without gaps,
/// however many partners work at the place.
async fn a_large_directory_stops_counting_at_its_cap(app: &TestApp) {
    use sea_orm::ConnectionTrait;
    app::ssr::seed::scale::seed(&app.state.db, 300)
        .await
        .expect("scale seed");
    // Every partner also works in Italy (the seed places none there).
    let sql = "INSERT INTO territories (tenant_id, partner_id, country, region, postcode_prefix, created_by, created_at) \
         SELECT tenant_id, id, 'IT', '', '', 0, created_at FROM organizations WHERE kind = 'partner'";
    app.state.db.execute_unprepared(sql).await.unwrap();
    let host = "scale.portal.test";
    let admin = app.sign_in(host, "admin@scale.example").await;
    let page = |filters: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        async move {
            let form: Vec<(&str, &str)> = filters.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let res = app.call(host, "list_partners", Some(&admin), &form).await;
            assert!(res.status.is_success(), "{}", res.body);
            res.json()
        }
    };
    let all = page(vec![]).await;
    assert_eq!(
        (all["total"].clone(), all["total_capped"].clone()),
        (200.into(), true.into())
    );
    // Italy: everyone, so the pages walk the names and ask each partner.
    let mut seen: Vec<String> = Vec::new();
    let mut after = String::new();
    for _ in 0..3 {
        let italy = page(vec![
            ("filter[country]", "IT".into()),
            ("filter[after]", after.clone()),
        ])
        .await;
        assert_eq!(italy["total_capped"], true);
        for p in italy["items"].as_array().unwrap() {
            seen.push(p["name"].as_str().unwrap().to_owned());
        }
        after = italy["next_after"].as_str().unwrap().to_owned();
    }
    let expected: Vec<String> = (0..60).map(|i| format!("Partner {i:06}")).collect();
    assert_eq!(seen, expected, "three pages in name order, none skipped");
    // Austria's whole-country partners and its postcode 1010: fewer than the
    // cap, counted exactly, found from the place index.
    let austria = page(vec![("filter[country]", "AT".into())]).await;
    assert_eq!(austria["total_capped"], false);
    let n = austria["total"].as_u64().unwrap();
    assert!((30..=45).contains(&n), "{n}");
    let names: Vec<&str> = austria["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let vienna = page(vec![
        ("filter[country]", "AT".into()),
        ("filter[postcode]", "1010".into()),
    ])
    .await;
    assert!(vienna["total"].as_u64().unwrap() < n);
}
both!(
    a_large_directory_stops_counting_at_its_cap_test,
    a_large_directory_stops_counting_at_its_cap
);
