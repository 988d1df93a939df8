//! The demo program "Acme Networks", created once on an empty database so a
//! fresh `make run` has something real to look at; tests reuse the builders.

mod activity;
mod cobrand;
mod forum;
mod products;
pub mod revenue;
pub mod scale;
mod territories;

pub use activity::seed as seed_demo_activity;

use super::entities::{organization, tenant, user};
use super::password;
use super::repo::users::{self, NewUser};
use super::scope::in_tenant;
use super::Actor;
use crate::types::{OrgKind, Role};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

pub const DEMO_PASSWORD: &str = "partner-demo-2026";

pub async fn create_tenant(
    db: &impl ConnectionTrait,
    slug: &str,
    name: &str,
    brand_color: &str,
) -> Result<(tenant::Model, organization::Model), DbErr> {
    let now = Utc::now();
    let tenant = tenant::ActiveModel {
        slug: Set(slug.to_owned()),
        name: Set(name.to_owned()),
        brand_color: Set(brand_color.to_owned()),
        fund_claim_days: Set(60),
        currency: Set("USD".into()),
        deal_review_days: Set(2),
        time_zone: Set("UTC".into()),
        lead_accept_hours: Set(24),
        lead_contact_hours: Set(48),
        lead_routing: Set(crate::types::lead::RoutingMode::Weighted),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let vendor = insert_org(db, tenant.id, OrgKind::Vendor, name, None).await?;
    super::services::tiers::create_defaults(db, tenant.id).await?;
    super::services::partner_types::create_defaults(db, tenant.id).await?;
    Ok((tenant, vendor))
}

/// A seeded member as the services see them when they act.
pub(crate) async fn actor(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    email: &str,
) -> Result<Actor, DbErr> {
    let u = in_tenant::<user::Entity>(tenant_id)
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(email.into()))?;
    let org = organization::Entity::find_by_id(u.organization_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("organisation".into()))?;
    let locale = u.language();
    Ok(Actor {
        user_id: u.id,
        tenant_id,
        organization_id: org.id,
        organization_name: org.name,
        org_tier: org.tier,
        org_type: org.partner_type,
        org_kind: org.kind,
        role: u.role,
        name: u.name,
        email: u.email,
        session_id: String::new(),
        time_zone: crate::ssr::local_time::zone(&u.time_zone),
        locale,
    })
}

/// Program placement of a seeded partner.
#[derive(Clone, Copy)]
pub struct Placement<'a> {
    pub partner_type: &'a str,
    pub tier: &'a str,
    pub region: &'a str,
    pub segment: &'a str,
    pub city: &'a str,
    pub country: &'a str,
    pub brand_color: &'a str,
    pub parent_id: Option<i64>,
    pub channel_manager_id: Option<i64>,
}

pub async fn insert_org(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    kind: OrgKind,
    name: &str,
    placement: Option<Placement<'_>>,
) -> Result<organization::Model, DbErr> {
    let now = Utc::now();
    let slug: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let p = placement;
    let org = organization::ActiveModel {
        tenant_id: Set(tenant_id),
        kind: Set(kind),
        name: Set(name.to_owned()),
        partner_type: Set(p.map(|p| p.partner_type.to_owned())),
        tier: Set(p.map(|p| p.tier.to_owned())),
        region: Set(p.map(|p| p.region.to_owned())),
        segment: Set(p.map(|p| p.segment.to_owned())),
        parent_id: Set(p.and_then(|p| p.parent_id)),
        channel_manager_id: Set(p.and_then(|p| p.channel_manager_id)),
        website: Set(format!("https://www.{slug}.example")),
        phone: Set(if p.is_some() {
            "+1 415 555 0100".into()
        } else {
            String::new()
        }),
        email: Set(format!("hello@{slug}.example")),
        address: Set(String::new()),
        city: Set(p.map(|p| p.city.to_owned()).unwrap_or_default()),
        country: Set(p.map(|p| p.country.to_owned()).unwrap_or_default()),
        brand_color: Set(p
            .map(|p| p.brand_color.to_owned())
            .unwrap_or_else(|| "#0b5cab".into())),
        logo_key: Set(None),
        description: Set(String::new()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(parent) = org.parent_id {
        super::repo::channel::place(db, tenant_id, org.id, Some(parent)).await?;
    }
    Ok(org)
}

pub async fn insert_user(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    organization_id: i64,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &str,
) -> Result<i64, DbErr> {
    users::insert(
        db,
        NewUser {
            tenant_id,
            organization_id,
            email,
            name,
            role,
            password_hash: Some(password_hash.to_owned()),
            now: Utc::now(),
            locale: None,
        },
    )
    .await
    .map(|u| u.id)
}

/// Sign-ins printed at start-up: (role, email).
pub const DEMO_SIGN_INS: &[(&str, &str)] = &[
    ("Vendor admin", "admin@acme.example"),
    ("Channel manager", "dana.cole@acme.example"),
    ("Marketing manager", "maya.lin@acme.example"),
    ("Finance", "felix.ortiz@acme.example"),
    (
        "Partner admin (Northwind Systems, Platinum)",
        "olivia@northwind.example",
    ),
    ("Partner user (Northwind Systems)", "sam@northwind.example"),
    (
        "Partner admin (Bluepeak Distribution)",
        "ines@bluepeak.example",
    ),
    (
        "Partner admin in German (Nordlicht Netzwerke)",
        "lena@nordlicht.example",
    ),
];

/// Seeds the demo tenant when the database has no tenant yet. Returns
/// whether it did.
pub async fn seed_demo_if_empty(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    if tenant::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let hash = password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|_| DbErr::Custom("could not hash the demo password".into()))?;
    let (t, vendor) = create_tenant(db, "acme", "Acme Networks", "#0b5cab").await?;
    let vid = vendor.id;
    let admin = insert_user(
        db,
        t.id,
        vid,
        "admin@acme.example",
        "Alex Morgan",
        Role::VendorAdmin,
        &hash,
    )
    .await?;
    let dana = insert_user(
        db,
        t.id,
        vid,
        "dana.cole@acme.example",
        "Dana Cole",
        Role::ChannelManager,
        &hash,
    )
    .await?;
    let raj = insert_user(
        db,
        t.id,
        vid,
        "raj.patel@acme.example",
        "Raj Patel",
        Role::ChannelManager,
        &hash,
    )
    .await?;
    let maya = insert_user(
        db,
        t.id,
        vid,
        "maya.lin@acme.example",
        "Maya Lin",
        Role::MarketingManager,
        &hash,
    )
    .await?;
    insert_user(
        db,
        t.id,
        vid,
        "felix.ortiz@acme.example",
        "Felix Ortiz",
        Role::Finance,
        &hash,
    )
    .await?;

    let place =
        |partner_type, tier, region, segment, city, country, brand_color, manager| Placement {
            partner_type,
            tier,
            region,
            segment,
            city,
            country,
            brand_color,
            parent_id: None,
            channel_manager_id: manager,
        };
    let bluepeak = insert_org(
        db,
        t.id,
        OrgKind::Partner,
        "Bluepeak Distribution",
        Some(place(
            "distributor",
            "platinum",
            "na",
            "sales",
            "Chicago",
            "United States",
            "#1d4ed8",
            Some(dana),
        )),
    )
    .await?;
    let eurolink = insert_org(
        db,
        t.id,
        OrgKind::Partner,
        "Eurolink Distribution",
        Some(place(
            "distributor",
            "gold",
            "emea",
            "sales",
            "Rotterdam",
            "Netherlands",
            "#0f766e",
            Some(raj),
        )),
    )
    .await?;
    let partners: Vec<(&str, Placement, Option<i64>)> = vec![
        (
            "Northwind Systems",
            place(
                "var",
                "platinum",
                "na",
                "sales",
                "Seattle",
                "United States",
                "#7c3aed",
                Some(dana),
            ),
            None,
        ),
        (
            "Harbor IT Services",
            place(
                "msp",
                "gold",
                "na",
                "service",
                "Boston",
                "United States",
                "#0369a1",
                Some(dana),
            ),
            Some(bluepeak.id),
        ),
        (
            "Cobalt Integration Group",
            place(
                "system_integrator",
                "gold",
                "na",
                "technology",
                "Toronto",
                "Canada",
                "#b45309",
                Some(dana),
            ),
            None,
        ),
        (
            "Prairie Network Solutions",
            place(
                "reseller",
                "silver",
                "na",
                "sales",
                "Denver",
                "United States",
                "#15803d",
                Some(dana),
            ),
            Some(bluepeak.id),
        ),
        (
            "Andes Conectividad",
            place(
                "reseller",
                "registered",
                "latam",
                "sales",
                "Santiago",
                "Chile",
                "#be123c",
                None,
            ),
            None,
        ),
        (
            "Nordlicht Netzwerke",
            place(
                "var",
                "gold",
                "emea",
                "sales",
                "Munich",
                "Germany",
                "#1e3a8a",
                Some(raj),
            ),
            Some(eurolink.id),
        ),
        (
            "Tamesis Cloud",
            place(
                "msp",
                "silver",
                "emea",
                "service",
                "London",
                "United Kingdom",
                "#9333ea",
                Some(raj),
            ),
            Some(eurolink.id),
        ),
        (
            "Lumen Logic",
            place(
                "isv",
                "silver",
                "emea",
                "technology",
                "Lyon",
                "France",
                "#c2410c",
                Some(raj),
            ),
            None,
        ),
        (
            "Sakura Systems",
            place(
                "system_integrator",
                "platinum",
                "apac",
                "technology",
                "Osaka",
                "Japan",
                "#db2777",
                None,
            ),
            None,
        ),
        (
            "Koala Secure",
            place(
                "msp",
                "registered",
                "apac",
                "service",
                "Brisbane",
                "Australia",
                "#047857",
                None,
            ),
            None,
        ),
    ];
    let mut ids = std::collections::HashMap::new();
    for (name, mut placement, parent) in partners {
        placement.parent_id = parent;
        let org = insert_org(db, t.id, OrgKind::Partner, name, Some(placement)).await?;
        ids.insert(name, org.id);
    }
    // A three-level channel: Eurolink → Nordlicht → Alpenblick. The
    // program lets value-added resellers have resellers of their own.
    super::entities::partner_type::Entity::update_many()
        .col_expr(
            super::entities::partner_type::Column::Distributes,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(crate::ssr::scope::tenant_is::<
            super::entities::partner_type::Entity,
        >(t.id))
        .filter(super::entities::partner_type::Column::Code.eq("var"))
        .exec(db)
        .await?;
    let alpenblick = insert_org(
        db,
        t.id,
        OrgKind::Partner,
        "Alpenblick IT",
        Some(Placement {
            parent_id: Some(ids["Nordlicht Netzwerke"]),
            ..place(
                "reseller",
                "registered",
                "emea",
                "sales",
                "Innsbruck",
                "Austria",
                "#0e7490",
                Some(raj),
            )
        }),
    )
    .await?;
    ids.insert("Alpenblick IT", alpenblick.id);
    let northwind = ids["Northwind Systems"];
    insert_user(
        db,
        t.id,
        northwind,
        "olivia@northwind.example",
        "Olivia Bennett",
        Role::PartnerAdmin,
        &hash,
    )
    .await?;
    insert_user(
        db,
        t.id,
        northwind,
        "sam@northwind.example",
        "Sam Rivera",
        Role::PartnerUser,
        &hash,
    )
    .await?;
    insert_user(
        db,
        t.id,
        bluepeak.id,
        "ines@bluepeak.example",
        "Ines Duarte",
        Role::PartnerAdmin,
        &hash,
    )
    .await?;
    insert_user(
        db,
        t.id,
        eurolink.id,
        "jan@eurolink.example",
        "Jan de Vries",
        Role::PartnerAdmin,
        &hash,
    )
    .await?;
    let others = [
        ("Harbor IT Services", "priya@harborit.example", "Priya Nair"),
        (
            "Cobalt Integration Group",
            "marc@cobaltintegration.example",
            "Marc Tremblay",
        ),
        (
            "Prairie Network Solutions",
            "luke@prairienet.example",
            "Luke Hansen",
        ),
        ("Andes Conectividad", "camila@andes.example", "Camila Rojas"),
        (
            "Nordlicht Netzwerke",
            "lena@nordlicht.example",
            "Lena Vogel",
        ),
        ("Tamesis Cloud", "oliver@tamesis.example", "Oliver Grant"),
        ("Lumen Logic", "claire@lumenlogic.example", "Claire Martin"),
        ("Sakura Systems", "haruto@sakura.example", "Haruto Sato"),
        ("Koala Secure", "mia@koalasecure.example", "Mia Walker"),
        ("Alpenblick IT", "tobias@alpenblick.example", "Tobias Huber"),
    ];
    for (org, email, name) in others {
        insert_user(db, t.id, ids[org], email, name, Role::PartnerAdmin, &hash).await?;
    }
    // A German-speaking partner: the portal, its mail and the program's
    // texts in German from the first sign-in.
    super::entities::user::Entity::update_many()
        .col_expr(
            super::entities::user::Column::Locale,
            sea_orm::sea_query::Expr::value("de"),
        )
        .filter(
            super::entities::user::Column::Email
                .is_in(["lena@nordlicht.example", "tobias@alpenblick.example"]),
        )
        .exec(db)
        .await?;
    cobrand::seed(db, t.id, maya).await?;
    forum::seed(db, t.id).await?;
    products::seed(db, t.id).await?;
    ids.insert("Bluepeak Distribution", bluepeak.id);
    ids.insert("Eurolink Distribution", eurolink.id);
    territories::seed(db, t.id, &ids, admin).await?;
    revenue::seed(db, t.id, &ids, admin).await?;
    Ok(true)
}
