//! Campaigns in use: one finished with its report, one running with sends,
//! opens and clicks and a send scheduled for later, one published that
//! starts in two weeks (for partners to join), and a draft. Partners keep
//! consented contacts; the e-mails go out through the delivery the queue
//! runs, and opens, clicks and an unsubscribe come in through the signed
//! links, each on its day.

use super::{iso, Demo};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::campaign_message as message;
use crate::ssr::jobs::Outcome;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::campaigns::contacts::{self, NewContact};
use crate::ssr::services::campaigns::tracking::{self, Purpose};
use crate::ssr::services::campaigns::{delivery, manage, participate, sends};
use crate::ssr::Actor;
use crate::types::campaign::CampaignMove;
use chrono::Duration;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

const MAYA: &str = "maya.lin@acme.example";
const OLIVIA: &str = "olivia@northwind.example";
const LENA: &str = "lena@nordlicht.example";
const INES: &str = "ines@bluepeak.example";

pub(super) async fn seed(demo: &Demo<'_>) -> AppResult<()> {
    for (by, company, count) in [
        (OLIVIA, "Northwind customers", 40),
        (LENA, "Nordlicht Kunden", 15),
        (INES, "Bluepeak resellers", 12),
    ] {
        add_contacts(demo, by, company, count).await?;
    }
    let maya = demo.member(MAYA).await?;
    let templates = Templates::load(demo).await?;

    // Finished: the spring launch, with its whole report.
    let spring = create(demo, &maya, &templates, &SPRING, (-75, -30), -80).await?;
    publish(demo, &maya, spring, -76).await?;
    send(demo, OLIVIA, spring, -74, -72).await?;
    send(demo, LENA, spring, -70, -69).await?;
    demo.on(-30, 18, async {
        manage::change_status(demo.state, &maya, spring, CampaignMove::End).await
    })
    .await?;

    // Running: sent by one partner, scheduled by another.
    let hotels = create(demo, &maya, &templates, &HOSPITALITY, (-10, 50), -14).await?;
    publish(demo, &maya, hotels, -12).await?;
    send(demo, OLIVIA, hotels, -9, -7).await?;
    let ines = demo.member(INES).await?;
    demo.on(-3, 10, async {
        participate::join(demo.state, &ines, hotels).await?;
        sends::create(
            demo.state,
            &ines,
            hotels,
            sends::SendInput {
                subject: String::new(),
                when: format!("{}T09:00", iso(demo.day(2))),
            },
        )
        .await
    })
    .await?;

    // Published, starting in two weeks: partners can join now.
    let branches = create(demo, &maya, &templates, &BRANCHES, (14, 74), -2).await?;
    publish(demo, &maya, branches, -1).await?;

    // Still a draft.
    create(demo, &maya, &templates, &BUNDLE, (30, 60), -1).await?;
    Ok(())
}

/// A campaign's words in English, with the German versions.
struct Words {
    name: &'static str,
    goal: &'static str,
    description: &'static str,
    subject: &'static str,
    german: [&'static str; 3],
    /// With the social post (which needs approval) or not.
    social: bool,
}

const SPRING: Words = Words {
    name: "AX7 launch: spring push",
    goal: "Put AX7 in front of every customer due for a Wi-Fi refresh this year.",
    description: "Send the AX7 announcement to your customers, hand out the flyer at visits and book site surveys. Leads go to your own sales team.",
    subject: "Wi-Fi 7 is here: book your free site survey",
    german: [
        "AX7-Launch: Frühjahrsaktion",
        "AX7 bei jedem Kunden vorstellen, dessen WLAN dieses Jahr erneuert wird.",
        "Senden Sie die AX7-Ankündigung an Ihre Kunden, verteilen Sie den Flyer bei Besuchen und buchen Sie Standortanalysen. Die Leads gehen an Ihren eigenen Vertrieb.",
    ],
    social: false,
};

const HOSPITALITY: Words = Words {
    name: "Wi-Fi 7 for hotels and hospitals",
    goal: "Win guest and patient Wi-Fi projects before the budget season closes.",
    description: "An e-mail and a social post for facility and IT managers in hospitality and healthcare, with a site-survey offer.",
    subject: "Guest Wi-Fi your visitors will notice",
    german: [
        "Wi-Fi 7 für Hotels und Kliniken",
        "Gäste- und Patienten-WLAN-Projekte gewinnen, bevor die Budgetrunde endet.",
        "Eine E-Mail und ein Social Post für Facility- und IT-Leiter in Hotellerie und Gesundheitswesen, mit Angebot einer Standortanalyse.",
    ],
    social: true,
};

const BRANCHES: Words = Words {
    name: "SD-WAN for branch offices",
    goal: "Replace ageing branch routers at multi-site customers with Acme SD-WAN.",
    description: "For customers with five or more sites: an e-mail, the flyer and a trade-in offer for old routers.",
    subject: "One dashboard for every branch",
    german: [
        "SD-WAN für Filialen",
        "Veraltete Filial-Router bei Kunden mit mehreren Standorten durch Acme SD-WAN ersetzen.",
        "Für Kunden ab fünf Standorten: eine E-Mail, der Flyer und ein Eintauschangebot für alte Router.",
    ],
    social: false,
};

const BUNDLE: Words = Words {
    name: "Year-end bundle",
    goal: "Bundle AX7 with three years of cloud management before the year closes.",
    description: "Draft: the offer is still being priced.",
    subject: "Three years of cloud management, on us",
    german: [
        "Jahresend-Bundle",
        "AX7 mit drei Jahren Cloud-Management bündeln, bevor das Jahr endet.",
        "Entwurf: Das Angebot wird noch kalkuliert.",
    ],
    social: false,
};

/// The published templates campaigns use.
struct Templates {
    email: i64,
    flyer: i64,
    social: i64,
}

impl Templates {
    async fn load(demo: &Demo<'_>) -> AppResult<Self> {
        Ok(Self {
            email: demo.template_id("AX7 announcement email").await?,
            flyer: demo.template_id("AX7 launch flyer (A4)").await?,
            social: demo.template_id("AX7 social post (1080×1080)").await?,
        })
    }
}

async fn create(
    demo: &Demo<'_>,
    maya: &Actor,
    templates: &Templates,
    words: &Words,
    (starts, ends): (i64, i64),
    written: i64,
) -> AppResult<i64> {
    let [name_de, goal_de, description_de] = words.german;
    let versions = BTreeMap::from([
        ("name_de".to_owned(), name_de.to_owned()),
        ("goal_de".to_owned(), goal_de.to_owned()),
        ("description_de".to_owned(), description_de.to_owned()),
    ]);
    let input = manage::CampaignInput {
        name: words.name.into(),
        goal: words.goal.into(),
        description: words.description.into(),
        starts_on: iso(demo.day(starts)),
        ends_on: iso(demo.day(ends)),
        email_template_id: templates.email.to_string(),
        email_subject: words.subject.into(),
        asset_template_ids: vec![templates.flyer.to_string()],
        social_template_id: if words.social {
            templates.social.to_string()
        } else {
            String::new()
        },
        social_copy: if words.social {
            "Wi-Fi 7 is here. Ask us for a free site survey this month.".into()
        } else {
            String::new()
        },
        language: "en".into(),
        versions,
        ..Default::default()
    };
    demo.on(written, 10, async {
        manage::save(demo.state, maya, None, input).await
    })
    .await
}

async fn publish(demo: &Demo<'_>, maya: &Actor, campaign: i64, day: i64) -> AppResult<()> {
    demo.on(day, 9, async {
        manage::change_status(demo.state, maya, campaign, CampaignMove::Publish).await
    })
    .await
}

/// The partner joins on `joined`, sends to every contact on `sent`, the
/// queue delivers, and readers open and click over the following days.
async fn send(demo: &Demo<'_>, by: &str, campaign: i64, joined: i64, sent: i64) -> AppResult<()> {
    let partner = demo.member(by).await?;
    demo.on(joined, 11, async {
        participate::join(demo.state, &partner, campaign).await
    })
    .await?;
    let send = demo
        .on(sent, 10, async {
            sends::create(
                demo.state,
                &partner,
                campaign,
                sends::SendInput {
                    subject: String::new(),
                    when: String::new(),
                },
            )
            .await
        })
        .await?;
    let messages = in_tenant::<message::Entity>(demo.tenant.id)
        .filter(message::Column::SendId.eq(send.send_id))
        .order_by_asc(message::Column::Id)
        .all(&demo.state.db)
        .await?;
    let start = demo.moment(sent, 10);
    for (i, m) in messages.iter().enumerate() {
        let at = start + Duration::seconds(20 * i as i64);
        match crate::ssr::services::as_of(at, delivery::perform(demo.state, m.id, false)).await {
            Outcome::Done => {}
            other => return Err(AppError::Conflict(format!("demo delivery: {other:?}"))),
        }
    }
    for (i, m) in messages.iter().enumerate() {
        read(demo, m.id, i, sent).await?;
    }
    Ok(())
}

/// Most readers open within a few days, some click, one unsubscribes.
async fn read(demo: &Demo<'_>, id: i64, i: usize, sent: i64) -> AppResult<()> {
    let secret = &demo.state.config.link_secret;
    let day = (sent + (i % 4) as i64).min(0);
    let hour = 8 + (i % 9) as u32;
    if i % 9 < 5 {
        let signature = tracking::sign(secret, id, Purpose::Open);
        demo.on(day, hour, tracking::opened(demo.state, id, &signature))
            .await?;
    }
    if i % 9 < 2 {
        let signature = tracking::sign(secret, id, Purpose::Click(0));
        demo.on(
            day,
            hour + 1,
            tracking::clicked(demo.state, id, 0, &signature),
        )
        .await?;
    }
    if i == 7 {
        let signature = tracking::sign(secret, id, Purpose::Unsubscribe);
        demo.on(
            day,
            hour + 2,
            tracking::unsubscribe(demo.state, id, &signature),
        )
        .await?;
    }
    Ok(())
}

const FIRST: [&str; 12] = [
    "Avery", "Blake", "Carmen", "Dev", "Elif", "Farah", "Gus", "Hana", "Ivo", "Jonas", "Keiko",
    "Lars",
];
const LAST: [&str; 10] = [
    "Adams", "Brook", "Castillo", "Dietrich", "Eriksen", "Fontaine", "Gallo", "Hoffmann", "Ito",
    "Jensen",
];
const COMPANIES: [&str; 8] = [
    "Pinecrest Clinic",
    "Harbourview Hotel",
    "Summit Retail",
    "Ridgeline Schools",
    "Lakeside Logistics",
    "Maple Dental",
    "Oakridge Law",
    "Riverbend Foods",
];

/// Consented contacts, entered three months ago.
async fn add_contacts(demo: &Demo<'_>, by: &str, source: &str, count: usize) -> AppResult<()> {
    let partner = demo.member(by).await?;
    demo.on(-90, 9, async {
        for i in 0..count {
            let (first, last) = (FIRST[i % FIRST.len()], LAST[(i / 3) % LAST.len()]);
            let company = COMPANIES[(i + source.len()) % COMPANIES.len()];
            let domain: String = company
                .to_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            let email = format!(
                "{}.{}{i}@{domain}.example",
                first.to_lowercase(),
                last.to_lowercase()
            );
            contacts::add(
                demo.state,
                &partner,
                NewContact {
                    email: &email,
                    name: &format!("{first} {last}"),
                    company,
                    consent: true,
                },
            )
            .await?;
        }
        Ok::<_, AppError>(())
    })
    .await
}
