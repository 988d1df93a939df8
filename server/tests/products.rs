//! The product catalogue: who reads what (partners the products still
//! sold, in their language), who keeps it, the checks on a product and a
//! family, keyset paging, and the CSV file out and back in, all or nothing.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{product, product_family};
use app::types::product::{CatalogueView, ProductForm, ProductUnit};
use axum::http::StatusCode;
use common::{TestApp, HOST_A, HOST_B};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn catalogue(
    app: &TestApp,
    host: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> CatalogueView {
    let res = app.call(host, "get_catalogue", Some(cookie), form).await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    res.view()
}

async fn by_sku(app: &TestApp, sku: &str) -> Option<product::Model> {
    product::Entity::find()
        .filter(product::Column::Sku.eq(sku))
        .one(&app.state.db)
        .await
        .unwrap()
}

async fn family_id(app: &TestApp, name: &str) -> i64 {
    product_family::Entity::find()
        .filter(product_family::Column::Name.eq(name))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn who_reads_what(app: &TestApp) {
    app.add_tenant_b().await;
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    let partner_view = catalogue(app, HOST_A, &sam, &[]).await;
    assert_eq!(
        partner_view.total, 14,
        "the product no longer sold is hidden"
    );
    assert!(!partner_view.can_edit);
    assert!(partner_view.items.iter().all(|p| p.active));
    assert!(partner_view.families.iter().all(|f| f.texts.is_none()));
    // A status filter means nothing to a partner.
    let asked = catalogue(app, HOST_A, &sam, &[("filter[status]", "inactive")]).await;
    assert_eq!(asked.total, 14);

    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let all = catalogue(app, HOST_A, &admin, &[]).await;
    assert_eq!(all.total, 15);
    assert!(all.can_edit);
    let retired = catalogue(app, HOST_A, &admin, &[("filter[status]", "inactive")]).await;
    assert_eq!(retired.items.len(), 1);
    assert_eq!(retired.items[0].sku, "AP-305");

    // Search by SKU or name, case-insensitive; wildcards are literal.
    let aps = catalogue(app, HOST_A, &admin, &[("filter[q]", "ap-5")]).await;
    let skus: Vec<&str> = aps.items.iter().map(|p| p.sku.as_str()).collect();
    assert_eq!(skus, ["AP-515", "AP-577"]);
    let wild = catalogue(app, HOST_A, &admin, &[("filter[q]", "%")]).await;
    assert_eq!(wild.total, 0);
    let services = family_id(app, "Services").await.to_string();
    let in_family = catalogue(app, HOST_A, &admin, &[("filter[family]", &services)]).await;
    assert_eq!(in_family.total, 3);
    let sizes: Vec<u64> = all.families.iter().map(|f| f.products).collect();
    assert_eq!(sizes.iter().sum::<u64>(), 15);

    // A German-speaking partner reads the German versions, else the original.
    let lena = app.sign_in(HOST_A, "lena@nordlicht.example").await;
    let german = catalogue(app, HOST_A, &lena, &[("filter[q]", "AP-577")]).await;
    assert_eq!(
        german.items[0].name,
        "Access Point 577 (Außenbereich, IP67)"
    );
    assert_eq!(german.items[0].family, "WLAN-Access-Points");
    let switches = catalogue(app, HOST_A, &lena, &[("filter[q]", "SW-6300")]).await;
    assert_eq!(switches.items[0].name, "Switch 6300, 48 ports");

    // Another program sees none of it, and cannot open a product by id.
    let boss = app.sign_in(HOST_B, "boss@globex.example").await;
    let other = catalogue(app, HOST_B, &boss, &[]).await;
    assert_eq!(other.total, 0);
    assert!(other.families.is_empty());
    let ap = by_sku(app, "AP-515").await.unwrap();
    let id = ap.id.to_string();
    let res = app
        .call(HOST_B, "get_product_form", Some(&boss), &[("id", &id)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Keyset paging returns every product once.
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let page = catalogue(app, HOST_A, &admin, &[("filter[after]", &after)]).await;
        seen.extend(page.items.iter().map(|p| p.id));
        match page.next_after {
            Some(next) => after = next,
            None => break,
        }
    }
    assert_eq!(seen.len(), 15);
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 15);
}
both!(who_reads_what_test, who_reads_what);

fn product_form<'a>(sku: &'a str, family: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("sku", sku),
        ("family", family),
        ("unit", "licence"),
        ("active", "on"),
        ("name", name),
        ("description", "For the\r\nbranch."),
        ("language", "en"),
        ("versions[name_de]", "Filialpaket"),
    ]
}

async fn keepers_change_the_catalogue(app: &TestApp) {
    app.add_tenant_b().await;
    let maya = app.sign_in(HOST_A, "maya.lin@acme.example").await;
    let family = app
        .call(
            HOST_A,
            "save_product_family",
            Some(&maya),
            &[("name", "Bundles"), ("versions[name_de]", "Pakete")],
        )
        .await;
    assert!(family.status.is_success(), "{}", family.body);
    let bundles = family_id(app, "Bundles").await.to_string();
    let twice = app
        .call(
            HOST_A,
            "save_product_family",
            Some(&maya),
            &[("name", "bundles")],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("already exists"), "{}", twice.body);

    let res = app
        .call(
            HOST_A,
            "save_product",
            Some(&maya),
            &product_form(" bundle-branch/1 ", &bundles, "Branch bundle"),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let saved = by_sku(app, "BUNDLE-BRANCH/1")
        .await
        .expect("stored in capitals");
    assert_eq!(saved.unit, ProductUnit::Licence);
    assert!(saved.active);
    assert_eq!(saved.description, "For the\nbranch.");
    let lena = app.sign_in(HOST_A, "lena@nordlicht.example").await;
    let german = catalogue(app, HOST_A, &lena, &[("filter[q]", "bundle")]).await;
    assert_eq!(german.items[0].name, "Filialpaket");
    assert_eq!(german.items[0].family, "Pakete");

    // The same SKU in other capitals, bad characters, a family of nobody's.
    let dup = app
        .call(
            HOST_A,
            "save_product",
            Some(&maya),
            &product_form("Bundle-Branch/1", &bundles, "Again"),
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("already has this SKU"), "{}", dup.body);
    let bad = app
        .call(
            HOST_A,
            "save_product",
            Some(&maya),
            &[
                ("sku", "A B"),
                ("family", "999999"),
                ("unit", "crate"),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "letters, digits",
        "Choose the product",
        "Choose the unit",
        "Enter the name",
    ] {
        assert!(bad.body.contains(message), "{message}: {}", bad.body);
    }
    assert!(bad.body.contains("A B"), "what was typed comes back");

    // Made inactive, the product leaves partners' view but stays.
    let id = saved.id.to_string();
    let mut off = product_form("BUNDLE-BRANCH/1", &bundles, "Branch bundle");
    off.retain(|(k, _)| *k != "active");
    off.push(("id", &id));
    let res = app.call(HOST_A, "save_product", Some(&maya), &off).await;
    assert!(res.status.is_success(), "{}", res.body);
    assert!(!by_sku(app, "BUNDLE-BRANCH/1").await.unwrap().active);
    let sam = app.sign_in(HOST_A, "sam@northwind.example").await;
    assert_eq!(
        catalogue(app, HOST_A, &sam, &[("filter[q]", "bundle")])
            .await
            .total,
        0
    );
    let form: ProductForm = app
        .call(HOST_A, "get_product_form", Some(&maya), &[("id", &id)])
        .await
        .view();
    let stored = form.product.unwrap();
    assert_eq!(stored.texts.original("name"), "Branch bundle");
    assert!(form.families.iter().any(|f| f.name == "Bundles"));

    // Channel managers, finance and partners read but do not keep it.
    for who in [
        "dana.cole@acme.example",
        "felix.ortiz@acme.example",
        "olivia@northwind.example",
    ] {
        let cookie = app.sign_in(HOST_A, who).await;
        let res = app
            .call(
                HOST_A,
                "save_product",
                Some(&cookie),
                &product_form("X-1", &bundles, "X"),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
        let res = app.get(HOST_A, "/products/export", Some(&cookie)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
    }
    // Another program's keeper cannot change this one's product.
    let boss = app.sign_in(HOST_B, "boss@globex.example").await;
    let res = app.call(HOST_B, "save_product", Some(&boss), &off).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
both!(
    keepers_change_the_catalogue_test,
    keepers_change_the_catalogue
);

async fn import(app: &TestApp, cookie: &str, csv: &str) -> common::Resp {
    app.call(HOST_A, "import_products", Some(cookie), &[("csv", csv)])
        .await
}

async fn products_in(app: &TestApp) -> u64 {
    product::Entity::find().count(&app.state.db).await.unwrap()
}

async fn the_file_out_and_back(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let export = app.get(HOST_A, "/products/export", Some(&admin)).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(
        export
            .body
            .starts_with("SKU,Name,Family,Unit,Active,Description"),
        "{}",
        export.body
    );
    assert!(export
        .body
        .contains("AP-305,Access point 305 (Wi-Fi 5),Wireless access points,Piece,no,"));

    // The file goes back in unchanged: nothing new, nothing changed.
    let res = import(app, &admin, &export.body).await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(products_in(app).await, 15);

    // Semicolons are not this file's separator: no columns are found.
    let res = import(app, &admin, "Artikelnummer;Name\n").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("must name the columns"), "{}", res.body);
    // A German file: a change by the family's German name, a new product
    // in a new family.
    let german = "Artikelnummer,Name,Produktfamilie,Einheit,Aktiv\n\
                  ap-515,Access point 515 (Wi-Fi 6),WLAN-Access-Points,Stück,nein\n\
                  KIT-1,=HYPERLINK(\"http://x\"),Starter kits,Lizenz,ja\n";
    let res = import(app, &admin, german).await;
    assert!(res.status.is_success(), "{}", res.body);
    let changed = by_sku(app, "AP-515").await.unwrap();
    assert!(!changed.active);
    assert_eq!(changed.name, "Access point 515 (Wi-Fi 6)");
    assert_eq!(
        changed.family_id,
        family_id(app, "Wireless access points").await,
        "matched by its German name"
    );
    let kit = by_sku(app, "KIT-1").await.unwrap();
    assert_eq!(kit.family_id, family_id(app, "Starter kits").await);
    assert_eq!(kit.unit, ProductUnit::Licence);
    let export = app.get(HOST_A, "/products/export", Some(&admin)).await;
    assert!(
        export
            .body
            .contains("KIT-1,\"'=HYPERLINK(\"\"http://x\"\")\""),
        "a formula leaves as text: {}",
        export.body
    );

    // One bad row: nothing is imported, and each problem names its row.
    let before = products_in(app).await;
    let bad = "sku,name,family,unit\nNEW-1,New,Switches,piece\nNEW-2,,Switches,crate\nnew-1,Twice,Switches,piece\n";
    let res = import(app, &admin, bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Row 3") && res.body.contains("Row 4"),
        "{}",
        res.body
    );
    assert!(
        res.body.contains("NEW-2,,Switches,crate"),
        "the file comes back"
    );
    assert_eq!(products_in(app).await, before);
    assert!(by_sku(app, "NEW-1").await.is_none());

    // A large file: new products go in several statements, all or none.
    let mut big = String::from("sku,name,family,unit\n");
    for i in 0..1_200 {
        big.push_str(&format!("BULK-{i:04},Bulk item {i},Bulk,seat\n"));
    }
    let res = import(app, &admin, &big).await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(
        res.location().as_deref(),
        Some("/products?saved=import&created=1200&updated=0")
    );
    assert_eq!(products_in(app).await, before + 1_200);

    let partner_admin = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let res = import(app, &partner_admin, "sku,name,family,unit\nP-1,P,F,piece\n").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
both!(the_file_out_and_back_test, the_file_out_and_back);
