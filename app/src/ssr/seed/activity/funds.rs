//! Funds in use: a marketing budget per region and a co-op budget with
//! accruals, allocations to partners and a tier pool, and fund requests that
//! end up in every state a program sees: waiting, sent back, rejected,
//! approved in full or in part, claimed with a proof (draft, waiting,
//! more information asked, rejected, approved, paid) and expired unclaimed.

use super::{iso, Demo};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{fund_allocation, fund_claim, fund_request};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::funds::{budgets, claims, coop, deadlines, requests};
use crate::ssr::Actor;
use crate::types::funds::{ActivityType, BudgetKind, ClaimDecision, RequestDecision};
use crate::types::Choice;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const ADMIN: &str = "admin@acme.example";
const DANA: &str = "dana.cole@acme.example";
const RAJ: &str = "raj.patel@acme.example";
const FELIX: &str = "felix.ortiz@acme.example";

/// A form key the services accept (16 to 64 letters, digits, `-`).
fn key(what: &str, n: usize) -> String {
    format!("demo-{what}-{n:04}-seeded")
}

pub(super) async fn seed(demo: &Demo<'_>) -> AppResult<()> {
    let budgets = budgets_and_allocations(demo).await?;
    for (n, ask) in asks().into_iter().enumerate() {
        play(demo, &budgets, n, ask).await?;
    }
    // The nightly pass: what ended long ago and was never claimed expires,
    // and claims due within a week are reminded.
    deadlines::run_for_tenant(demo.state, demo.tenant, demo.today).await?;
    Ok(())
}

/// The budgets' ids: North America (USD), EMEA (EUR).
struct Budgets {
    americas: i64,
    emea: i64,
}

async fn budgets_and_allocations(demo: &Demo<'_>) -> AppResult<Budgets> {
    let admin = demo.member(ADMIN).await?;
    let budget = |n: usize, name: &'static str, kind: BudgetKind, currency: &'static str| {
        let admin = &admin;
        let input = budgets::BudgetInput {
            name: name.into(),
            kind: Choice::from(kind),
            currency: currency.into(),
            total: match kind {
                BudgetKind::Marketing if currency == "USD" => "250000".into(),
                BudgetKind::Marketing => "120000".into(),
                BudgetKind::Coop => "60000".into(),
            },
            starts_on: iso(demo.day(-150)),
            ends_on: iso(demo.day(120)),
            coop_percent: if kind == BudgetKind::Coop {
                "2".into()
            } else {
                String::new()
            },
        };
        async move { budgets::create_budget(demo.state, admin, &key("budget", n), input).await }
    };
    let (americas, emea, co_op) = demo
        .on(-150, 9, async {
            let americas = budget(
                0,
                "Market development, North America",
                BudgetKind::Marketing,
                "USD",
            )
            .await?;
            let emea = budget(1, "Market development, EMEA", BudgetKind::Marketing, "EUR").await?;
            let co_op = budget(2, "Co-op, resellers", BudgetKind::Coop, "USD").await?;
            Ok::<_, AppError>((americas, emea, co_op))
        })
        .await?;
    let shares: [(i64, &str, &str); 8] = [
        (americas, "Northwind Systems", "40000"),
        (americas, "Bluepeak Distribution", "30000"),
        (americas, "Harbor IT Services", "15000"),
        (americas, "Cobalt Integration Group", "12000"),
        (emea, "Nordlicht Netzwerke", "25000"),
        (emea, "Eurolink Distribution", "20000"),
        (emea, "Tamesis Cloud", "10000"),
        (emea, "Lumen Logic", "8000"),
    ];
    demo.on(-149, 10, async {
        for (n, (budget, partner, amount)) in shares.into_iter().enumerate() {
            let target = format!("p:{}", demo.org_id(partner).await?);
            budgets::allocate(
                demo.state,
                &admin,
                &key("allocation", n),
                &budget.to_string(),
                &target,
                amount,
            )
            .await?;
        }
        // Silver partners draw on one pool.
        budgets::allocate(
            demo.state,
            &admin,
            &key("allocation", 99),
            &americas.to_string(),
            "t:silver",
            "20000",
        )
        .await
    })
    .await?;
    // Co-op accrues on last quarter's reported revenue (of partners the
    // revenue ledger's seed left without a figure for it).
    let period = crate::ssr::seed::revenue::quarters(demo.day(0))
        .0
        .to_string();
    demo.on(-20, 11, async {
        for (partner, revenue) in [
            ("Cobalt Integration Group", "310000"),
            ("Prairie Network Solutions", "95000"),
            ("Andes Conectividad", "60000"),
        ] {
            let partner = demo.org_id(partner).await?.to_string();
            coop::record(
                demo.state,
                &admin,
                &co_op.to_string(),
                &partner,
                &period,
                revenue,
            )
            .await?;
        }
        Ok::<_, AppError>(())
    })
    .await?;
    Ok(Budgets { americas, emea })
}

/// A fund request and what becomes of it.
struct Ask {
    by: &'static str,
    draws_on: Region,
    activity: ActivityType,
    title: &'static str,
    plan: &'static str,
    /// First and last day of the activity, from today.
    runs: (i64, i64),
    amount: &'static str,
    leads: &'static str,
    /// The day it is filed, from today.
    filed: i64,
    then: Then,
}

#[derive(Clone, Copy)]
enum Region {
    Americas,
    Emea,
}

enum Then {
    Waits,
    SentBack(&'static str, &'static str),
    Rejected(&'static str, &'static str),
    Approved {
        by: &'static str,
        /// Less than asked, with the reason.
        part: Option<(&'static str, &'static str)>,
        claim: Claim,
    },
}

/// The claim after an approval (spent, results, and how far it got).
enum Claim {
    NotYet,
    Draft(&'static str),
    Waiting(&'static str),
    InfoAsked(&'static str, &'static str),
    Refused(&'static str, &'static str),
    ToPay(&'static str),
    Paid(&'static str, &'static str),
}

fn asks() -> Vec<Ask> {
    use ActivityType as A;
    use Claim as C;
    use Region::{Americas, Emea};
    const OLIVIA: &str = "olivia@northwind.example";
    const INES: &str = "ines@bluepeak.example";
    const LENA: &str = "lena@nordlicht.example";
    vec![
        Ask {
            by: OLIVIA,
            draws_on: Americas,
            activity: A::Event,
            title: "AX7 launch roadshow, Seattle",
            plan: "Half-day roadshow for 60 IT leads from healthcare and retail: AX7 demo stations, a customer talk and a hands-on lab.",
            runs: (-48, -46),
            amount: "8000",
            leads: "40",
            filed: -70,
            then: Then::Approved {
                by: DANA,
                part: None,
                claim: C::Paid("7850", "ACH-2026-4471"),
            },
        },
        Ask {
            by: OLIVIA,
            draws_on: Americas,
            activity: A::Webinar,
            title: "Webinar series: Wi-Fi 7 for hospitals",
            plan: "Three one-hour webinars with a clinical IT guest speaker; recordings go to the partner's newsletter list.",
            runs: (-30, -16),
            amount: "3500",
            leads: "25",
            filed: -45,
            then: Then::Approved {
                by: DANA,
                part: None,
                claim: C::Waiting("3320"),
            },
        },
        Ask {
            by: OLIVIA,
            draws_on: Americas,
            activity: A::DigitalAds,
            title: "LinkedIn ads: AX7 for retail chains",
            plan: "Four weeks of sponsored posts aimed at retail IT directors in Washington and Oregon.",
            runs: (-82, -54),
            amount: "6000",
            leads: "30",
            filed: -90,
            then: Then::Approved {
                by: DANA,
                part: None,
                claim: C::NotYet,
            },
        },
        Ask {
            by: OLIVIA,
            draws_on: Americas,
            activity: A::Print,
            title: "Customer case study booklet",
            plan: "A printed booklet of three AX7 customer stories for trade visits.",
            runs: (10, 40),
            amount: "2400",
            leads: "",
            filed: -6,
            then: Then::SentBack(
                DANA,
                "Please add the print run and where the booklets will be handed out.",
            ),
        },
        Ask {
            by: OLIVIA,
            draws_on: Americas,
            activity: A::TradeShow,
            title: "Booth at the Partner Summit, Las Vegas",
            plan: "A 3x3 m booth with two AX7 demo racks and a meeting corner for three days.",
            runs: (20, 22),
            amount: "12000",
            leads: "80",
            filed: -2,
            then: Then::Waits,
        },
        Ask {
            by: INES,
            draws_on: Americas,
            activity: A::Event,
            title: "Reseller enablement day, Chicago",
            plan: "A training day for 35 reseller sales engineers with AX7 and SD-WAN labs, lunch and a networking evening.",
            runs: (-38, -38),
            amount: "10000",
            leads: "35",
            filed: -60,
            then: Then::Approved {
                by: DANA,
                part: Some((
                    "7500",
                    "The networking evening's bar is outside the program rules.",
                )),
                claim: C::ToPay("7420"),
            },
        },
        Ask {
            by: INES,
            draws_on: Americas,
            activity: A::Other,
            title: "Billboard on the I-90",
            plan: "Four weeks of a roadside billboard with the Acme logo.",
            runs: (5, 33),
            amount: "15000",
            leads: "",
            filed: -12,
            then: Then::Rejected(
                DANA,
                "Brand-only advertising is not funded; a campaign with a call to action and measurable leads is.",
            ),
        },
        Ask {
            by: INES,
            draws_on: Americas,
            activity: A::TradeShow,
            title: "Midwest IT fair, spring",
            plan: "A shared booth with two resellers at the regional IT fair.",
            runs: (-101, -99),
            amount: "5000",
            leads: "50",
            filed: -120,
            then: Then::Approved {
                by: DANA,
                part: None,
                claim: C::NotYet,
            },
        },
        Ask {
            by: "priya@harborit.example",
            draws_on: Americas,
            activity: A::Event,
            title: "MSP breakfast seminar, Boston",
            plan: "A breakfast briefing on managed Wi-Fi for 25 local business owners.",
            runs: (-21, -21),
            amount: "2000",
            leads: "15",
            filed: -35,
            then: Then::Approved {
                by: DANA,
                part: None,
                claim: C::InfoAsked(
                    "1960",
                    "The caterer's invoice is missing; please add it to the proof.",
                ),
            },
        },
        Ask {
            by: "marc@cobaltintegration.example",
            draws_on: Americas,
            activity: A::EmailCampaign,
            title: "AX7 upgrade e-mail to installed base",
            plan: "Two e-mails to 900 customers running AX5, with a trade-in offer.",
            runs: (-25, -12),
            amount: "1500",
            leads: "20",
            filed: -30,
            then: Then::Approved {
                by: DANA,
                part: None,
                claim: C::Draft("1380"),
            },
        },
        Ask {
            by: LENA,
            draws_on: Emea,
            activity: A::Event,
            title: "Hausmesse Netzwerksicherheit, München",
            plan: "Hausmesse für 80 Kunden aus dem Mittelstand mit AX7-Live-Demo, Fachvortrag und Workshop.",
            runs: (-42, -42),
            amount: "6000",
            leads: "45",
            filed: -65,
            then: Then::Approved {
                by: RAJ,
                part: Some(("5000", "Die Raummiete trägt der Partner selbst.")),
                claim: C::Paid("4870", "SEPA-2026-1182"),
            },
        },
        Ask {
            by: LENA,
            draws_on: Emea,
            activity: A::Webinar,
            title: "Webinar-Reihe: WLAN für Arztpraxen",
            plan: "Drei Webinare für Praxisinhaber mit einem Datenschutz-Experten.",
            runs: (12, 40),
            amount: "2500",
            leads: "30",
            filed: -1,
            then: Then::Waits,
        },
        Ask {
            by: "oliver@tamesis.example",
            draws_on: Emea,
            activity: A::TradeShow,
            title: "Cloud Expo stand, London",
            plan: "A shared stand at Cloud Expo with two AX7 demo kits.",
            runs: (-50, -49),
            amount: "4000",
            leads: "60",
            filed: -75,
            then: Then::Approved {
                by: RAJ,
                part: None,
                claim: C::Refused(
                    "3900",
                    "The invoice is for a different event (Data Centre World); the Cloud Expo invoice is needed.",
                ),
            },
        },
    ]
}

/// Files one request and plays what becomes of it, each step on its day.
async fn play(demo: &Demo<'_>, budgets: &Budgets, n: usize, ask: Ask) -> AppResult<()> {
    let partner = demo.member(ask.by).await?;
    let budget = match ask.draws_on {
        Region::Americas => budgets.americas,
        Region::Emea => budgets.emea,
    };
    let allocation = allocation_of(demo, &partner, budget).await?;
    let input = requests::RequestInput {
        allocation_id: allocation.to_string(),
        activity_type: Choice::from(ask.activity),
        title: ask.title.into(),
        description: ask.plan.into(),
        starts_on: iso(demo.day(ask.runs.0)),
        ends_on: iso(demo.day(ask.runs.1)),
        amount: ask.amount.into(),
        expected_leads: ask.leads.into(),
        ..Default::default()
    };
    let id = demo
        .on(ask.filed, 9, async {
            requests::submit(demo.state, &partner, &key("request", n), input).await
        })
        .await?;
    let decided = (ask.filed + 2).min(0);
    let decide = |who: &'static str,
                  decision: RequestDecision,
                  amount: &'static str,
                  why: &'static str| async move {
        let reviewer = demo.member(who).await?;
        let version = request_version(demo, id).await?;
        demo.on(decided, 14, async {
            requests::decide(
                demo.state,
                &reviewer,
                id,
                version,
                &Choice::from(decision),
                amount,
                why,
            )
            .await
        })
        .await
    };
    match ask.then {
        Then::Waits => Ok(()),
        Then::SentBack(who, why) => decide(who, RequestDecision::Changes, "", why).await,
        Then::Rejected(who, why) => decide(who, RequestDecision::Reject, "", why).await,
        Then::Approved { by, part, claim } => {
            let (amount, why) = part.unwrap_or(("", ""));
            decide(by, RequestDecision::Approve, amount, why).await?;
            play_claim(demo, &partner, by, id, ask.runs.1, ask.title, claim).await
        }
    }
}

/// The claim of an approved request: filed three days after the activity,
/// reviewed three days later and paid a week after that.
async fn play_claim(
    demo: &Demo<'_>,
    partner: &Actor,
    reviewer: &'static str,
    request: i64,
    ended: i64,
    title: &str,
    claim: Claim,
) -> AppResult<()> {
    let (spent, review) = match claim {
        Claim::NotYet => return Ok(()),
        Claim::Draft(spent) => (spent, None),
        Claim::Waiting(spent) => (spent, Some(None)),
        Claim::InfoAsked(spent, why) => (spent, Some(Some((ClaimDecision::Info, why, None)))),
        Claim::Refused(spent, why) => (spent, Some(Some((ClaimDecision::Reject, why, None)))),
        Claim::ToPay(spent) => (spent, Some(Some((ClaimDecision::Approve, "", None)))),
        Claim::Paid(spent, reference) => (
            spent,
            Some(Some((ClaimDecision::Approve, "", Some(reference)))),
        ),
    };
    let filed = (ended + 3).min(0);
    let input = claims::ClaimInput {
        actual: spent.into(),
        actual_leads: "31".into(),
        actual_attendees: "48".into(),
        actual_pipeline: "180000".into(),
        results: format!(
            "{title}: 48 attended, 31 qualified leads passed to sales, pipeline of 180,000 so far."
        ),
    };
    demo.on(filed, 10, async {
        claims::save(demo.state, partner, request, 0, input).await?;
        let proof = invoice_pdf(&[
            "INVOICE".into(),
            format!("Activity: {}", ascii(title)),
            format!("Amount: {spent}.00"),
            format!("Date: {}", iso(demo.day(ended))),
        ]);
        claims::add_proof(demo.state, partner, request, "invoice.pdf", proof).await
    })
    .await?;
    let Some(review) = review else {
        return Ok(());
    };
    let version = claim_version(demo, request).await?;
    demo.on(filed, 11, async {
        claims::submit(demo.state, partner, request, version).await
    })
    .await?;
    let Some((decision, why, paid)) = review else {
        return Ok(());
    };
    let reviewer = demo.member(reviewer).await?;
    let version = claim_version(demo, request).await?;
    let reviewed = (filed + 3).min(0);
    demo.on(reviewed, 15, async {
        claims::review(
            demo.state,
            &reviewer,
            request,
            version,
            &Choice::from(decision),
            "",
            why,
        )
        .await
    })
    .await?;
    let Some(reference) = paid else {
        return Ok(());
    };
    let finance = demo.member(FELIX).await?;
    let version = claim_version(demo, request).await?;
    let paid_on = (reviewed + 7).min(0);
    demo.on(paid_on, 16, async {
        claims::pay(
            demo.state,
            &finance,
            request,
            version,
            &iso(demo.day(paid_on)),
            reference,
        )
        .await
    })
    .await
}

/// The partner's own allocation of the budget, or its tier's pool.
async fn allocation_of(demo: &Demo<'_>, partner: &Actor, budget: i64) -> AppResult<i64> {
    let of_budget = in_tenant::<fund_allocation::Entity>(demo.tenant.id)
        .filter(fund_allocation::Column::BudgetId.eq(budget));
    let own = of_budget
        .clone()
        .filter(fund_allocation::Column::PartnerId.eq(partner.organization_id))
        .one(&demo.state.db)
        .await?;
    let pool = || {
        of_budget
            .clone()
            .filter(fund_allocation::Column::Tier.eq(partner.org_tier.clone()))
    };
    match own {
        Some(a) => Ok(a.id),
        None => pool()
            .one(&demo.state.db)
            .await?
            .map(|a| a.id)
            .ok_or(AppError::NotFound),
    }
}

async fn request_version(demo: &Demo<'_>, id: i64) -> AppResult<i32> {
    fund_request::Entity::find_by_id(id)
        .one(&demo.state.db)
        .await?
        .map(|r| r.version)
        .ok_or(AppError::NotFound)
}

async fn claim_version(demo: &Demo<'_>, request: i64) -> AppResult<i32> {
    in_tenant::<fund_claim::Entity>(demo.tenant.id)
        .filter(fund_claim::Column::RequestId.eq(request))
        .one(&demo.state.db)
        .await?
        .map(|c| c.version)
        .ok_or(AppError::NotFound)
}

/// What the standard PDF font can show.
fn ascii(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            c if c.is_ascii() => c,
            _ => '-',
        })
        .collect()
}

/// A one-page PDF with a few lines of text: the invoice a partner scans,
/// a quote on a deal registration.
pub(super) fn invoice_pdf(lines: &[String]) -> Vec<u8> {
    let mut text = String::from("BT /F1 14 Tf 72 770 Td 22 TL\n");
    for line in lines {
        let escaped = line
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        text.push_str(&format!("({escaped}) Tj T*\n"));
    }
    text.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}
