//! Deal registrations in use: approved ones under protection (one of a
//! German partner, in euros), one sent back for changes, one rejected, one
//! withdrawn, a draft, one whose answer is overdue and one due within the
//! day, and a registration that clashes with another partner's approved
//! one, waiting for the channel manager to decide; a distributor registers
//! for one of its resellers. The vendor keeps one account for itself.

use super::{iso, Demo};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{deal, fund_claim, fund_request, product_family};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::business_clock as clock;
use crate::ssr::services::deals::review::{self, Decision};
use crate::ssr::services::deals::sourcing::Source;
use crate::ssr::services::deals::{accounts, close, files, register};
use crate::types::deal::{
    DealDecision, DealOrigin, DealOutcome, DealPart, DealStage, RejectReason,
};
use crate::types::funds::ClaimStatus;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const ADMIN: &str = "admin@acme.example";
const DANA: &str = "dana.cole@acme.example";
/// Nordlicht's channel manager.
const RAJ: &str = "raj.patel@acme.example";
const OLIVIA: &str = "olivia@northwind.example";
const SAM: &str = "sam@northwind.example";
const INES: &str = "ines@bluepeak.example";
const LENA: &str = "lena@nordlicht.example";
const PRIYA: &str = "priya@harborit.example";

/// One registration as the partner types it.
struct Registration {
    by: &'static str,
    /// A distributor's reseller it registers for; empty for its own.
    for_reseller: &'static str,
    customer: &'static str,
    website: &'static str,
    /// Country, region, city, postcode.
    place: [&'static str; 4],
    /// Contact: name, e-mail, phone.
    contact: [&'static str; 3],
    currency: &'static str,
    /// Product family, quantity, amount in whole units.
    lines: &'static [(&'static str, u32, u32)],
    /// Expected close, in days after the registration.
    closes_in: i64,
    stage: DealStage,
    origin: DealOrigin,
    competitor: &'static str,
    notes: &'static str,
}

const CONTOSO: Registration = Registration {
    by: OLIVIA,
    for_reseller: "",
    customer: "Contoso Pharma Inc.",
    website: "https://www.contoso-pharma.com",
    place: ["US", "NJ", "Princeton", "08540"],
    contact: [
        "Rachel Kim",
        "rachel.kim@contoso-pharma.com",
        "+1 609 555 0142",
    ],
    currency: "USD",
    lines: &[
        ("Wireless access points", 120, 54_000),
        ("Services", 10, 12_500),
    ],
    closes_in: 75,
    stage: DealStage::Proposal,
    origin: DealOrigin::Sourced,
    competitor: "Aruba",
    notes: "Three research sites move to Wi-Fi 7 next spring.",
};

/// Bluepeak found the same customer weeks later, under its full name.
const CONTOSO_AGAIN: Registration = Registration {
    by: INES,
    for_reseller: "",
    customer: "Contoso Pharmaceuticals",
    website: "contoso-pharma.com",
    place: ["US", "NJ", "Princeton", ""],
    contact: ["Mark Ellis", "m.ellis@contoso-pharma.com", ""],
    currency: "USD",
    lines: &[("Wireless access points", 80, 36_000)],
    closes_in: 60,
    stage: DealStage::Qualifying,
    origin: DealOrigin::Sourced,
    competitor: "",
    notes: "Met their IT lead at a trade fair.",
};

const MUELLER: Registration = Registration {
    by: LENA,
    for_reseller: "",
    customer: "Müller Maschinenbau GmbH",
    website: "https://www.mueller-maschinenbau.de",
    place: ["DE", "Bayern", "München", "80331"],
    contact: [
        "Katrin Weber",
        "k.weber@mueller-maschinenbau.de",
        "+49 89 5550 1234",
    ],
    currency: "EUR",
    lines: &[("Switches", 24, 38_400), ("Security appliances", 2, 14_800)],
    closes_in: 50,
    stage: DealStage::Negotiation,
    origin: DealOrigin::Sourced,
    competitor: "Cisco",
    notes: "Neues Werk in Garching, Netzwerk und Firewall aus einer Hand.",
};

const HUBER: Registration = Registration {
    by: LENA,
    for_reseller: "",
    customer: "Bäckerei Huber KG",
    website: "",
    place: ["DE", "Bayern", "Rosenheim", "83022"],
    contact: ["Josef Huber", "josef@baeckerei-huber.de", ""],
    currency: "EUR",
    lines: &[("Cloud licences", 40, 9_600)],
    closes_in: 40,
    stage: DealStage::Qualifying,
    origin: DealOrigin::Sourced,
    competitor: "",
    notes: "Zwölf Filialen, Kassen und WLAN zentral verwalten.",
};

const TAILSPIN: Registration = Registration {
    by: PRIYA,
    for_reseller: "",
    customer: "Tailspin Toys",
    website: "https://tailspintoys.com",
    place: ["US", "WA", "Seattle", "98101"],
    contact: ["Dan Park", "dan@tailspintoys.com", ""],
    currency: "USD",
    lines: &[("Switches", 4, 3_200)],
    closes_in: 30,
    stage: DealStage::Qualifying,
    origin: DealOrigin::Sourced,
    competitor: "",
    notes: "",
};

const WOODGROVE: Registration = Registration {
    by: OLIVIA,
    for_reseller: "",
    customer: "Woodgrove Bank",
    website: "https://www.woodgrovebank.com",
    place: ["US", "NY", "New York", "10005"],
    contact: ["Alex Moreno", "alex.moreno@woodgrovebank.com", ""],
    currency: "USD",
    lines: &[("Security appliances", 6, 42_000)],
    closes_in: 90,
    stage: DealStage::Qualifying,
    origin: DealOrigin::Fulfilment,
    competitor: "Palo Alto Networks",
    notes: "",
};

const LITWARE: Registration = Registration {
    by: SAM,
    for_reseller: "",
    customer: "Litware Inc.",
    website: "https://litware.com",
    place: ["US", "MA", "Boston", "02110"],
    contact: ["Nina Shah", "nina.shah@litware.com", "+1 617 555 0199"],
    currency: "USD",
    lines: &[("Switches", 12, 18_600), ("Cloud licences", 150, 22_500)],
    closes_in: 45,
    stage: DealStage::Commit,
    origin: DealOrigin::Sourced,
    competitor: "Juniper",
    notes: "Budget approved; they want the order placed this quarter.",
};

/// Bluepeak registers for Harbor, one of its resellers (two-tier).
const ADVENTURE: Registration = Registration {
    by: INES,
    for_reseller: "Harbor IT Services",
    customer: "Adventure Works Cycles",
    website: "https://adventure-works.com",
    place: ["US", "OR", "Portland", "97204"],
    contact: ["Lee Chan", "lee.chan@adventure-works.com", ""],
    currency: "USD",
    lines: &[("Wireless access points", 30, 13_500)],
    closes_in: 60,
    stage: DealStage::Proposal,
    origin: DealOrigin::Sourced,
    competitor: "",
    notes: "",
};

/// Found at the trade show Northwind's MDF paid for, and won.
const PROSEWARE: Registration = Registration {
    by: OLIVIA,
    for_reseller: "",
    customer: "Proseware, Inc.",
    website: "https://www.proseware.com",
    place: ["US", "WA", "Redmond", "98052"],
    contact: ["Ava Brooks", "ava.brooks@proseware.com", "+1 425 555 0110"],
    currency: "USD",
    lines: &[("Switches", 16, 24_800), ("Services", 4, 5_000)],
    closes_in: 30,
    stage: DealStage::Commit,
    origin: DealOrigin::Sourced,
    competitor: "Cisco",
    notes: "Met at our booth; their branch offices need a refresh this year.",
};

const FABRIKAM: Registration = Registration {
    by: SAM,
    for_reseller: "",
    customer: "Fabrikam Retail",
    website: "",
    place: ["US", "IL", "Chicago", ""],
    contact: ["Jo Baker", "jo.baker@fabrikam.com", ""],
    currency: "USD",
    lines: &[("Wireless access points", 60, 27_000)],
    closes_in: 100,
    stage: DealStage::Qualifying,
    origin: DealOrigin::Sourced,
    competitor: "",
    notes: "Waiting for the store count before pricing.",
};

pub(super) async fn seed(demo: &Demo<'_>) -> AppResult<()> {
    let admin = demo.member(ADMIN).await?;
    demo.on(-60, 9, async {
        accounts::add(
            demo.state,
            &admin,
            "Globex Corporation",
            "https://www.globex.com",
            "US",
        )
        .await
    })
    .await?;

    won_from_activity(demo).await?;
    let contoso = send(demo, &CONTOSO, -24).await?;
    attach_quote(demo, &CONTOSO, contoso, -24).await?;
    decide(demo, DANA, contoso, -23, Answer::Approve).await?;
    let mueller = send(demo, &MUELLER, -12).await?;
    decide(demo, RAJ, mueller, -11, Answer::Approve).await?;
    let tailspin = send(demo, &TAILSPIN, -16).await?;
    let why = "Four switches for one office is a direct web order, not a partner deal.";
    let answer = Answer::Reject(RejectReason::NotQualified, why);
    decide(demo, DANA, tailspin, -15, answer).await?;
    let huber = send(demo, &HUBER, -4).await?;
    let why = "Bitte die Website oder Domain des Kunden und die Zahl der Filialen ergänzen.";
    let parts = [DealPart::Customer, DealPart::Notes];
    decide(demo, RAJ, huber, -3, Answer::Return(&parts, why)).await?;
    let woodgrove = send(demo, &WOODGROVE, -9).await?;
    demo.on(-5, 14, async {
        let olivia = demo.member(OLIVIA).await?;
        review::withdraw(
            demo.state,
            &olivia,
            woodgrove,
            version(demo, woodgrove).await?,
        )
        .await
    })
    .await?;

    // Waiting for an answer: one overdue, one due within the day, and the
    // clash with Northwind's approved registration.
    send(demo, &ADVENTURE, -6).await?;
    send_due_soon(demo, &LITWARE).await?;
    send(demo, &CONTOSO_AGAIN, -1).await?;
    save(demo, &FABRIKAM, -1, false).await?;
    Ok(())
}

/// Proseware, sourced by the MDF activity of Northwind's that the vendor
/// paid, approved and won: the activity's return shows its value.
async fn won_from_activity(demo: &Demo<'_>) -> AppResult<()> {
    let northwind = demo.org_id("Northwind Systems").await?;
    let claimed: Vec<i64> = in_tenant::<fund_claim::Entity>(demo.tenant.id)
        .filter(fund_claim::Column::Status.is_in([ClaimStatus::Approved, ClaimStatus::Paid]))
        .all(&demo.state.db)
        .await?
        .into_iter()
        .map(|c| c.request_id)
        .collect();
    let activity = in_tenant::<fund_request::Entity>(demo.tenant.id)
        .filter(fund_request::Column::PartnerId.eq(northwind))
        .filter(fund_request::Column::Id.is_in(claimed))
        .order_by_asc(fund_request::Column::StartsOn)
        .one(&demo.state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = demo.moment(-40, 10);
    let mut input = input(demo, &PROSEWARE, at).await?;
    input.sourced_by = Source::FundRequest(activity.id).input();
    let olivia = demo.member(OLIVIA).await?;
    let key = format!("demo-{}", PROSEWARE.customer);
    let id = crate::ssr::services::as_of(at, async {
        register::save(demo.state, &olivia, &key, None, input, true).await
    })
    .await?;
    decide(demo, DANA, id, -39, Answer::Approve).await?;
    let version = version(demo, id).await?;
    let closing = close::Closing {
        outcome: DealOutcome::Won.into(),
        amount: "31,200".into(),
        ..Default::default()
    };
    demo.on(-8, 16, async {
        close::close(demo.state, &olivia, (id, version), &closing).await
    })
    .await
}

/// The partner's quote for `r`, attached to its registration.
async fn attach_quote(demo: &Demo<'_>, r: &Registration, id: i64, days: i64) -> AppResult<()> {
    let partner = demo.member(r.by).await?;
    let quote = super::funds::invoice_pdf(&[
        "QUOTE".into(),
        format!("Customer: {}", r.customer),
        format!("Valid until: {}", iso(demo.day(days + 30))),
    ]);
    demo.on(days, 11, async {
        files::add(demo.state, &partner, id, "Quote.pdf", quote).await
    })
    .await
}

/// Registers and sends `r` `days` from today; its id.
async fn send(demo: &Demo<'_>, r: &Registration, days: i64) -> AppResult<i64> {
    save(demo, r, days, true).await
}

async fn save(demo: &Demo<'_>, r: &Registration, days: i64, submit: bool) -> AppResult<i64> {
    let at = demo.moment(days, 10);
    save_at(demo, r, at, submit).await
}

async fn save_at(
    demo: &Demo<'_>,
    r: &Registration,
    at: DateTime<Utc>,
    submit: bool,
) -> AppResult<i64> {
    let partner = demo.member(r.by).await?;
    let input = input(demo, r, at).await?;
    let key = format!("demo-{}", r.customer);
    crate::ssr::services::as_of(at, async {
        register::save(demo.state, &partner, &key, None, input, submit).await
    })
    .await
}

/// Sends `r` on the latest office hour whose answer falls due within the
/// next day, so the channel manager's clock is about to run out.
async fn send_due_soon(demo: &Demo<'_>, r: &Registration) -> AppResult<i64> {
    let zone = clock::zone(&demo.tenant.time_zone);
    let days = u32::try_from(demo.tenant.deal_review_days).unwrap_or(2);
    let soon = demo.started + Duration::hours(2)..demo.started + Duration::hours(24);
    let at = (1..=8 * 24)
        .map(|hours_ago| demo.started - Duration::hours(hours_ago))
        .find(|at| soon.contains(&clock::decision_due(*at, days, zone)))
        .unwrap_or(demo.started - Duration::hours(30));
    save_at(demo, r, at, true).await
}

async fn input(
    demo: &Demo<'_>,
    r: &Registration,
    at: DateTime<Utc>,
) -> AppResult<register::DealInput> {
    let mut lines = Vec::new();
    for (family, quantity, amount) in r.lines {
        lines.push(register::LineInput {
            family: family_id(demo, family).await?.to_string(),
            quantity: quantity.to_string(),
            amount: amount.to_string(),
        });
    }
    let [country, region, city, postcode] = r.place;
    let [contact_name, contact_email, contact_phone] = r.contact;
    Ok(register::DealInput {
        for_partner: r.for_reseller.into(),
        reference: String::new(),
        customer_name: r.customer.into(),
        website: r.website.into(),
        country: country.into(),
        region: region.into(),
        city: city.into(),
        postcode: postcode.into(),
        contact_name: contact_name.into(),
        contact_email: contact_email.into(),
        contact_phone: contact_phone.into(),
        currency: r.currency.into(),
        lines,
        expected_close_on: iso(at.date_naive() + Duration::days(r.closes_in)),
        stage: r.stage.into(),
        origin: r.origin.into(),
        competitor: r.competitor.into(),
        notes: r.notes.into(),
        sourced_by: String::new(),
        lead: None,
    })
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
    deal::Entity::find_by_id(id)
        .one(&demo.state.db)
        .await?
        .map(|d| d.version)
        .ok_or(AppError::NotFound)
}

/// A reviewer's answer in the demo.
enum Answer<'a> {
    Approve,
    Reject(RejectReason, &'a str),
    /// The parts to change, and what to change.
    Return(&'a [DealPart], &'a str),
}

impl Answer<'_> {
    fn decision(&self) -> Decision {
        let (decision, code, reason, parts) = match self {
            Answer::Approve => (DealDecision::Approve, None, "", &[][..]),
            Answer::Reject(code, why) => (DealDecision::Reject, Some(*code), *why, &[][..]),
            Answer::Return(parts, why) => (DealDecision::Return, None, *why, *parts),
        };
        Decision {
            decision: decision.into(),
            reason_code: code.map(Into::into).unwrap_or_default(),
            reason: reason.into(),
            parts: parts.iter().map(|p| p.as_str().to_owned()).collect(),
        }
    }
}

/// The channel manager `by`'s answer, `days` from today.
async fn decide(
    demo: &Demo<'_>,
    by: &str,
    id: i64,
    days: i64,
    answer: Answer<'_>,
) -> AppResult<()> {
    let reviewer = demo.member(by).await?;
    let version = version(demo, id).await?;
    let d = answer.decision();
    demo.on(days, 15, async {
        review::decide(demo.state, &reviewer, id, version, &d).await
    })
    .await
}
