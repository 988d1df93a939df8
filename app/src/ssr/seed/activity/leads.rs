//! Leads in use: the vendor's partners specialise in product families (one
//! has a monthly capacity); leads come in by form and as a campaign's
//! responses (one reader asked its partner to get in touch from the
//! e-mail) and are routed as they land: one waits for Northwind's answer,
//! one Harbor accepted two days ago and has not contacted (its first
//! contact is late), one Nordlicht turned into a deal registration, one Eurolink
//! passed to its reseller, and one nobody could take waits in the queue.

use super::Demo;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::campaign_message as message;
use crate::ssr::entities::{
    campaign, certification, contact, lead, product_family, user_certification,
};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::campaigns::tracking::{self, Purpose};
use crate::ssr::services::deals::register;
use crate::ssr::services::leads::responses::{self, ResponseInput};
use crate::ssr::services::leads::{intake, respond, settings};
use crate::types::lead::LeadPriority;
use crate::types::Choice;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

const ADMIN: &str = "admin@acme.example";
const MAYA: &str = "maya.lin@acme.example";
const PRIYA: &str = "priya@harborit.example";
const LENA: &str = "lena@nordlicht.example";
const JAN: &str = "jan@eurolink.example";

/// (partner, families it specialises in, capacity per 30 days)
const SPECIALISTS: &[(&str, &[&str], Option<i32>)] = &[
    (
        "Northwind Systems",
        &["Wireless access points", "Switches"],
        None,
    ),
    (
        "Harbor IT Services",
        &["Switches", "Security appliances"],
        None,
    ),
    (
        "Bluepeak Distribution",
        &["Switches", "Wireless access points"],
        Some(40),
    ),
    (
        "Nordlicht Netzwerke",
        &["Switches", "Security appliances"],
        None,
    ),
    (
        "Eurolink Distribution",
        &["Switches", "Cloud licences"],
        None,
    ),
    ("Tamesis Cloud", &["Cloud licences"], None),
];

/// One lead as the vendor enters it.
struct Lead {
    key: &'static str,
    company: &'static str,
    contact: [&'static str; 2],
    /// Country, region, city, postcode.
    place: [&'static str; 4],
    family: &'static str,
    /// The certification's code the partner must hold, if any.
    certification: &'static str,
    segment: &'static str,
    priority: LeadPriority,
    notes: &'static str,
}

const FOURTH_COFFEE: Lead = Lead {
    key: "demo-lead-fourth-coffee",
    company: "Fourth Coffee",
    contact: ["Ana Ruiz", "ana.ruiz@fourthcoffee.com"],
    place: ["US", "Washington", "Seattle", "98104"],
    family: "Wireless access points",
    certification: "",
    segment: "Coffee chain, 40 shops",
    priority: LeadPriority::High,
    notes: "Asked for guest Wi-Fi in every shop after our webinar.",
};

const BLUE_YONDER: Lead = Lead {
    key: "demo-lead-blue-yonder",
    company: "Blue Yonder Airlines",
    contact: ["Tom Weller", "t.weller@blueyonderairlines.com"],
    place: ["US", "Massachusetts", "Boston", "02128"],
    family: "Security appliances",
    certification: "SEC-EXPERT",
    segment: "Airline, 900 staff",
    priority: LeadPriority::Normal,
    notes: "Firewall refresh at the Logan operations centre.",
};

const WINGTIP: Lead = Lead {
    key: "demo-lead-wingtip-toys",
    company: "Wingtip Toys GmbH",
    contact: ["Petra Lang", "p.lang@wingtiptoys.de"],
    place: ["DE", "Bayern", "München", "80335"],
    family: "Switches",
    certification: "",
    segment: "Toy maker, 300 staff",
    priority: LeadPriority::Normal,
    notes: "Neues Lager in Freising, 24 Switches.",
};

const DATUM: Lead = Lead {
    key: "demo-lead-datum-corp",
    company: "Datum Corporation",
    contact: ["Nils Berg", "nils.berg@datum.example"],
    place: ["DE", "Berlin", "Berlin", "10115"],
    family: "Switches",
    certification: "",
    segment: "Software house, 120 staff",
    priority: LeadPriority::Normal,
    notes: "",
};

const MARGIES: Lead = Lead {
    key: "demo-lead-margies-travel",
    company: "Margie's Travel",
    contact: ["Margie Shoop", "margie@margiestravel.com"],
    place: ["MX", "Jalisco", "Guadalajara", "44100"],
    family: "Cloud licences",
    certification: "",
    segment: "Travel agency, 25 staff",
    priority: LeadPriority::Low,
    notes: "No partner works Mexico yet.",
};

pub(super) async fn seed(demo: &Demo<'_>) -> AppResult<()> {
    certify(demo).await?;
    let admin = demo.member(ADMIN).await?;
    demo.on(-30, 9, async {
        for (partner, families, capacity) in SPECIALISTS {
            let id = demo.org_id(partner).await?;
            let mut ids = Vec::new();
            for f in *families {
                ids.push(family_id(demo, f).await?.to_string());
            }
            let capacity = capacity.map(|c| c.to_string()).unwrap_or_default();
            settings::save_partner(demo.state, &admin, id, &capacity, &ids).await?;
        }
        Ok::<_, AppError>(())
    })
    .await?;
    let wingtip = enter(demo, &WINGTIP, -6).await?;
    take(demo, LENA, wingtip, -6).await?;
    convert(demo, wingtip, -5).await?;
    let datum = enter(demo, &DATUM, -4).await?;
    demo.on(-4, 15, async {
        let jan = demo.member(JAN).await?;
        let nordlicht = demo.org_id("Nordlicht Netzwerke").await?.to_string();
        let version = version(demo, datum).await?;
        let note = "Nordlicht covers Berlin for us.";
        respond::pass(demo.state, &jan, (datum, version), &nordlicht, note).await
    })
    .await?;
    let blue_yonder = enter(demo, &BLUE_YONDER, -5).await?;
    take(demo, PRIYA, blue_yonder, -4).await?;
    enter(demo, &MARGIES, -2).await?;
    campaign_responses(demo).await?;
    asked_to_be_contacted(demo).await?;
    enter(demo, &FOURTH_COFFEE, 0).await?;
    Ok(())
}

/// The program's security certification, which Priya at Harbor holds: the
/// Blue Yonder lead requires it. (Courses and exams that award it come with
/// the partner program.)
async fn certify(demo: &Demo<'_>) -> AppResult<()> {
    let at = demo.moment(-200, 9);
    let cert = certification::ActiveModel {
        tenant_id: Set(demo.tenant.id),
        code: Set("SEC-EXPERT".into()),
        name: Set("Security Expert".into()),
        valid_months: Set(24),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&demo.state.db)
    .await?;
    let priya = demo.member(PRIYA).await?;
    user_certification::ActiveModel {
        tenant_id: Set(demo.tenant.id),
        user_id: Set(priya.user_id),
        certification_id: Set(cert.id),
        earned_on: Set(demo.day(-150)),
        expires_on: Set(demo.day(-150 + 730)),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&demo.state.db)
    .await?;
    Ok(())
}

/// The vendor enters `l` `days` from today (routed as it lands); its id.
async fn enter(demo: &Demo<'_>, l: &Lead, days: i64) -> AppResult<i64> {
    let admin = demo.member(ADMIN).await?;
    let input = intake::LeadInput {
        company: l.company.into(),
        contact_name: l.contact[0].into(),
        contact_email: l.contact[1].into(),
        contact_phone: String::new(),
        country: l.place[0].into(),
        region: l.place[1].into(),
        city: l.place[2].into(),
        postcode: l.place[3].into(),
        coordinates: String::new(),
        family: family_id(demo, l.family).await?.to_string(),
        certification: l.certification.into(),
        segment: l.segment.into(),
        priority: Choice::Known(l.priority),
        notes: l.notes.into(),
    };
    demo.on(days, 10, async {
        intake::create(demo.state, &admin, l.key, input, "").await
    })
    .await
}

/// The partner of `who` accepts lead `id`.
async fn take(demo: &Demo<'_>, who: &str, id: i64, days: i64) -> AppResult<()> {
    let member = demo.member(who).await?;
    let version = version(demo, id).await?;
    demo.on(days, 14, async {
        respond::accept(demo.state, &member, (id, version)).await
    })
    .await
}

/// Lena registers the deal the Wingtip lead became.
async fn convert(demo: &Demo<'_>, id: i64, days: i64) -> AppResult<()> {
    let lena = demo.member(LENA).await?;
    let switches = family_id(demo, "Switches").await?.to_string();
    let close = super::iso(demo.day(days + 45));
    let input = register::DealInput {
        customer_name: WINGTIP.company.into(),
        country: "DE".into(),
        region: "Bayern".into(),
        city: "München".into(),
        postcode: "80335".into(),
        contact_name: WINGTIP.contact[0].into(),
        contact_email: WINGTIP.contact[1].into(),
        currency: "EUR".into(),
        lines: vec![register::LineInput {
            family: switches,
            quantity: "24".into(),
            amount: "31200".into(),
        }],
        expected_close_on: close,
        stage: crate::types::deal::DealStage::Proposal.into(),
        origin: crate::types::deal::DealOrigin::Fulfilment.into(),
        notes: WINGTIP.notes.into(),
        lead: Some(id),
        ..Default::default()
    };
    demo.on(days, 11, async {
        register::save(
            demo.state,
            &lena,
            "demo-deal-from-wingtip",
            None,
            input,
            true,
        )
        .await
    })
    .await?;
    Ok(())
}

/// Two responses to the SD-WAN campaign, imported by marketing.
async fn campaign_responses(demo: &Demo<'_>) -> AppResult<()> {
    let maya = demo.member(MAYA).await?;
    let sdwan = in_tenant::<campaign::Entity>(demo.tenant.id)
        .filter(campaign::Column::Name.contains("SD-WAN"))
        .one(&demo.state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let csv = "company,country,region,city,postcode,product_family,segment,priority,contact_name,contact_email\n\
        Lamna Healthcare,GB,England,London,EC2A 4NE,Cloud licences,Clinics group,high,Rosa Patel,rosa.patel@lamna.example\n\
        Trey Research,US,Washington,Redmond,98052,Switches,Research lab,normal,Ian Moss,ian.moss@treyresearch.example\n";
    demo.on(-1, 9, async {
        intake::import(demo.state, &maya, csv, &sdwan.id.to_string()).await
    })
    .await?;
    Ok(())
}

/// A reader of Nordlicht's spring e-mail who clicked through asks it to get
/// in touch, this morning: the lead waits for Nordlicht's answer.
async fn asked_to_be_contacted(demo: &Demo<'_>) -> AppResult<()> {
    let nordlicht = demo.org_id("Nordlicht Netzwerke").await?;
    let Some(m) = in_tenant::<message::Entity>(demo.tenant.id)
        .filter(message::Column::OrgId.eq(nordlicht))
        .filter(message::Column::ClickedAt.is_not_null())
        .order_by_desc(message::Column::Id)
        .one(&demo.state.db)
        .await?
    else {
        return Err(AppError::NotFound);
    };
    let reader = contact::Entity::find_by_id(m.contact_id)
        .one(&demo.state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let signature = tracking::sign(&demo.state.config.link_secret, m.id, Purpose::Respond);
    let answer = ResponseInput {
        company: reader.company,
        contact_name: reader.name,
        contact_phone: "+49 40 5550 1420".into(),
        country: "DE".into(),
        city: "Hamburg".into(),
        postcode: "20095".into(),
        notes: "Wir planen WLAN für drei Standorte. Können Sie uns ein Angebot machen?".into(),
    };
    demo.on(
        0,
        8,
        responses::respond(demo.state, m.id, &signature, answer),
    )
    .await?;
    Ok(())
}

async fn family_id(demo: &Demo<'_>, name: &str) -> AppResult<i64> {
    in_tenant::<product_family::Entity>(demo.tenant.id)
        .filter(product_family::Column::Name.eq(name))
        .one(&demo.state.db)
        .await?
        .map(|f| f.id)
        .ok_or(AppError::NotFound)
}

async fn version(demo: &Demo<'_>, id: i64) -> AppResult<i32> {
    lead::Entity::find_by_id(id)
        .one(&demo.state.db)
        .await?
        .map(|l| l.version)
        .ok_or(AppError::NotFound)
}
