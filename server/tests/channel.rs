//! The channel hierarchy at any depth: who sees whose company follows the
//! tree (vendor → distributor → reseller → sub-reseller), through `Scope`;
//! acting for a company stays with that company; moving a partner moves
//! everyone below it, and a move that would close a loop is refused.
//!
//! The demo program's three levels: Eurolink Distribution → Nordlicht
//! Netzwerke (a VAR, a type that may have resellers) → Alpenblick IT.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::types::views::{Dashboard, PartnerDetail};
use app::types::Role;
use axum::http::StatusCode;
use common::{TestApp, HOST_A};
use std::collections::BTreeSet;

/// The names the reader's directory lists, sorted.
async fn directory(app: &TestApp, cookie: &str) -> Vec<String> {
    let res = app.call(HOST_A, "list_partners", Some(cookie), &[]).await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    let mut names: Vec<String> = res.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

async fn page(app: &TestApp, cookie: &str, name: &str) -> (StatusCode, Option<PartnerDetail>) {
    let id = app.org_id(name).await.to_string();
    let res = app
        .call(HOST_A, "get_partner", Some(cookie), &[("id", id.as_str())])
        .await;
    let detail = res.status.is_success().then(|| res.view::<PartnerDetail>());
    (res.status, detail)
}

/// The companies a partner buys through, top first, with whether the
/// reader may open each.
fn path(detail: &PartnerDetail) -> Vec<(String, bool)> {
    detail
        .buys_through
        .iter()
        .map(|s| (s.name.clone(), s.open))
        .collect()
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

async fn partners_read_their_channel_at_every_depth(app: &TestApp) {
    let jan = app.sign_in(HOST_A, "jan@eurolink.example").await;
    let lena = app.sign_in(HOST_A, "lena@nordlicht.example").await;
    let tobias = app.sign_in(HOST_A, "tobias@alpenblick.example").await;

    // Each admin's directory is the partners below their company.
    assert_eq!(
        directory(app, &jan).await,
        owned(&["Alpenblick IT", "Nordlicht Netzwerke", "Tamesis Cloud"])
    );
    assert_eq!(directory(app, &lena).await, owned(&["Alpenblick IT"]));
    assert!(directory(app, &tobias).await.is_empty());

    // The distributor opens a sub-reseller's page two levels down, read only.
    let (status, detail) = page(app, &jan, "Alpenblick IT").await;
    assert_eq!(status, StatusCode::OK);
    let alpenblick = detail.unwrap();
    assert_eq!(
        path(&alpenblick),
        [
            ("Eurolink Distribution".to_owned(), true),
            ("Nordlicht Netzwerke".to_owned(), true)
        ]
    );
    assert!(!alpenblick.can_edit && !alpenblick.can_edit_program);
    assert!(!alpenblick.territory.can_edit);
    let (_, own) = page(app, &jan, "Eurolink Distribution").await;
    let below = own.unwrap().below;
    assert_eq!((below.total, below.total_capped), (3, false));
    let direct: Vec<&str> = below.direct.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(direct, ["Nordlicht Netzwerke", "Tamesis Cloud"]);

    // The reseller in the middle: its sub-reseller, not its distributor's
    // page (the name only) nor its sibling's.
    let (_, detail) = page(app, &lena, "Alpenblick IT").await;
    assert_eq!(
        path(&detail.unwrap()),
        [
            ("Eurolink Distribution".to_owned(), false),
            ("Nordlicht Netzwerke".to_owned(), true)
        ]
    );
    for other in [
        "Eurolink Distribution",
        "Tamesis Cloud",
        "Harbor IT Services",
    ] {
        assert_eq!(
            page(app, &lena, other).await.0,
            StatusCode::NOT_FOUND,
            "{other}"
        );
    }
    // The bottom of the channel sees only itself.
    assert_eq!(page(app, &tobias, "Alpenblick IT").await.0, StatusCode::OK);
    assert_eq!(
        page(app, &tobias, "Nordlicht Netzwerke").await.0,
        StatusCode::NOT_FOUND
    );

    // Reading is not acting: the distributor cannot change a reseller's
    // profile, and the reseller's row is untouched.
    let nordlicht = app.org_id("Nordlicht Netzwerke").await.to_string();
    let edit = app
        .call(
            HOST_A,
            "update_partner_profile",
            Some(&jan),
            &[
                ("id", nordlicht.as_str()),
                ("version", "1"),
                ("website", "https://taken.example"),
                ("phone", ""),
                ("email", ""),
                ("address", ""),
                ("city", ""),
                ("country", ""),
                ("brand_color", "#000000"),
                ("description", ""),
            ],
        )
        .await;
    assert!(
        matches!(edit.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
        "{} {}",
        edit.status,
        edit.body
    );
    let (_, still) = page(app, &lena, "Nordlicht Netzwerke").await;
    assert_ne!(still.unwrap().website, "https://taken.example");

    // A partner's other users work for their own company only.
    let eurolink_user = app
        .member(Role::PartnerUser)
        .at("Eurolink Distribution")
        .signed_in()
        .await;
    let list = app
        .call(HOST_A, "list_partners", Some(&eurolink_user.cookie), &[])
        .await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
    assert_eq!(
        page(app, &eurolink_user.cookie, "Nordlicht Netzwerke")
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // The home page counts the channel for those above someone.
    let home = |cookie: String| async move {
        let res = app.call(HOST_A, "get_dashboard", Some(&cookie), &[]).await;
        assert!(res.status.is_success(), "{}", res.body);
        match res.view::<Dashboard>() {
            Dashboard::Partner(d) => d.channel.map(|c| c.total),
            Dashboard::Vendor(_) => panic!("a partner's home"),
        }
    };
    assert_eq!(home(jan.clone()).await, Some(3));
    assert_eq!(home(lena.clone()).await, Some(1));
    assert_eq!(home(tobias.clone()).await, None);
}
both!(
    partners_read_their_channel_at_every_depth_test,
    partners_read_their_channel_at_every_depth
);

async fn channel_managers_look_after_everyone_below_their_partners(app: &TestApp) {
    use app::ssr::entities::organization;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
    let manager = app.member(Role::ChannelManager).signed_in().await;
    // The new manager looks after Eurolink only; the partners below it
    // have another manager of their own.
    organization::Entity::update_many()
        .set(organization::ActiveModel {
            channel_manager_id: Set(Some(manager.user_id)),
            ..Default::default()
        })
        .filter(organization::Column::Name.eq("Eurolink Distribution"))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        directory(app, &manager.cookie).await,
        owned(&[
            "Alpenblick IT",
            "Eurolink Distribution",
            "Nordlicht Netzwerke",
            "Tamesis Cloud"
        ])
    );
    // … and may act for them as for their own partners.
    let alpenblick = app.org_id("Alpenblick IT").await;
    let (_, detail) = page(app, &manager.cookie, "Alpenblick IT").await;
    let detail = detail.unwrap();
    assert!(detail.can_edit && detail.territory.can_edit);
    let id = alpenblick.to_string();
    let version = detail.version.to_string();
    let saved = app
        .call(
            HOST_A,
            "update_partner_profile",
            Some(&manager.cookie),
            &[
                ("id", id.as_str()),
                ("version", version.as_str()),
                ("website", "https://alpenblick.example"),
                ("phone", ""),
                ("email", ""),
                ("address", ""),
                ("city", "Innsbruck"),
                ("country", "Austria"),
                ("brand_color", "#0e7490"),
                ("description", ""),
            ],
        )
        .await;
    assert!(saved.status.is_success(), "{} {}", saved.status, saved.body);
    // Another program's partners and the rest of this one stay out.
    assert_eq!(
        page(app, &manager.cookie, "Harbor IT Services").await.0,
        StatusCode::NOT_FOUND
    );
    // Campaign results count the same companies, in hand-written SQL: it
    // runs on both databases for a manager and for a partner's channel.
    use app::ssr::scope::CountedOrgs;
    use app::ssr::services::campaigns::report::{stats, By};
    let tenant = organization::Entity::find()
        .filter(organization::Column::Name.eq("Eurolink Distribution"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .tenant_id;
    for orgs in [
        CountedOrgs::ManagedBy(manager.user_id),
        CountedOrgs::Below(app.org_id("Eurolink Distribution").await),
    ] {
        stats(&app.state.db, tenant, None, orgs, By::Org)
            .await
            .unwrap();
    }
}
both!(
    channel_managers_look_after_everyone_below_their_partners_test,
    channel_managers_look_after_everyone_below_their_partners
);

/// Places `name` under `buys_through` (a name, or empty for the top) with
/// the rest of its placement as it is.
async fn place(app: &TestApp, admin: &str, name: &str, buys_through: &str) -> common::Resp {
    let (_, detail) = page(app, admin, name).await;
    let d = detail.unwrap();
    let fields = [
        ("id", d.id.to_string()),
        ("version", d.version.to_string()),
        ("name", d.name.clone()),
        ("partner_type", d.partner_type.unwrap().code),
        ("tier", d.tier.unwrap().code),
        ("region", d.region.unwrap().as_str().to_owned()),
        ("segment", d.segment.unwrap().as_str().to_owned()),
        (
            "channel_manager_id",
            d.channel_manager_id
                .map(|i| i.to_string())
                .unwrap_or_default(),
        ),
        ("buys_through", buys_through.to_owned()),
    ];
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(HOST_A, "update_partner_program", Some(admin), &form)
        .await
}

/// Every (ancestor, descendant, depth) of the tenant's channel, once from
/// the links table and once by walking `parent_id`: they must agree.
async fn links_agree_with_parents(app: &TestApp) {
    use app::ssr::entities::{channel_link, organization};
    use sea_orm::EntityTrait;
    let db = &app.state.db;
    let orgs = organization::Entity::find().all(db).await.unwrap();
    let parent = |id: i64| orgs.iter().find(|o| o.id == id).and_then(|o| o.parent_id);
    let mut walked = BTreeSet::new();
    for org in &orgs {
        let (mut above, mut depth) = (org.parent_id, 1);
        while let Some(a) = above {
            walked.insert((a, org.id, depth));
            above = parent(a);
            depth += 1;
        }
    }
    let stored: BTreeSet<(i64, i64, i32)> = channel_link::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.ancestor_id, l.descendant_id, l.depth))
        .collect();
    assert_eq!(stored, walked);
}

async fn moving_a_partner_moves_everyone_below_it(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let jan = app.sign_in(HOST_A, "jan@eurolink.example").await;
    let ines = app.sign_in(HOST_A, "ines@bluepeak.example").await;
    links_agree_with_parents(app).await;

    // Nordlicht, with Alpenblick below it, moves to Bluepeak.
    let moved = place(app, &admin, "Nordlicht Netzwerke", "bluepeak distribution").await;
    assert!(moved.status.is_success(), "{} {}", moved.status, moved.body);
    assert_eq!(directory(app, &jan).await, owned(&["Tamesis Cloud"]));
    let bluepeak = directory(app, &ines).await;
    assert!(
        bluepeak.contains(&"Nordlicht Netzwerke".to_owned())
            && bluepeak.contains(&"Alpenblick IT".to_owned()),
        "{bluepeak:?}"
    );
    let (_, detail) = page(app, &admin, "Alpenblick IT").await;
    assert_eq!(
        path(&detail.unwrap()),
        [
            ("Bluepeak Distribution".to_owned(), true),
            ("Nordlicht Netzwerke".to_owned(), true)
        ]
    );
    links_agree_with_parents(app).await;

    // Refused, each with its reason on the field and the typed name kept.
    for (name, buys_through, says) in [
        (
            "Bluepeak Distribution",
            "Nordlicht Netzwerke",
            "already buys through",
        ),
        (
            "Nordlicht Netzwerke",
            "Nordlicht Netzwerke",
            "cannot buy through itself",
        ),
        ("Nordlicht Netzwerke", "Koala Secure", "nobody below it"),
        ("Nordlicht Netzwerke", "Nobody GmbH", "Nobody GmbH"),
    ] {
        let res = place(app, &admin, name, buys_through).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name} → {buys_through}"
        );
        assert!(res.body.contains(says), "{}", res.body);
        assert!(res.body.contains("buys_through"), "{}", res.body);
    }
    links_agree_with_parents(app).await;

    // Back to the top of the channel: nobody above sees it any more.
    let top = place(app, &admin, "Nordlicht Netzwerke", "").await;
    assert!(top.status.is_success(), "{}", top.body);
    let bluepeak = directory(app, &ines).await;
    assert!(
        !bluepeak.contains(&"Alpenblick IT".to_owned()),
        "{bluepeak:?}"
    );
    let (_, detail) = page(app, &admin, "Alpenblick IT").await;
    assert_eq!(
        path(&detail.unwrap()),
        [("Nordlicht Netzwerke".to_owned(), true)]
    );
    links_agree_with_parents(app).await;

    // A new partner placed at the bottom, three levels down.
    let created = app
        .call(
            HOST_A,
            "create_partner",
            Some(&admin),
            &[
                ("name", "Zillertal Netz"),
                ("partner_type", "reseller"),
                ("tier", "registered"),
                ("region", "emea"),
                ("segment", "sales"),
                ("channel_manager_id", ""),
                ("buys_through", "Nordlicht Netzwerke"),
            ],
        )
        .await;
    assert!(created.status.is_success(), "{}", created.body);
    let lena = app.sign_in(HOST_A, "lena@nordlicht.example").await;
    assert_eq!(
        directory(app, &lena).await,
        owned(&["Alpenblick IT", "Zillertal Netz"])
    );
    links_agree_with_parents(app).await;
}
both!(
    moving_a_partner_moves_everyone_below_it_test,
    moving_a_partner_moves_everyone_below_it
);
