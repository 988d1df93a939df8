//! The demo program in use: its history, played through the services on
//! the days it happened, leaves every module with something in every state,
//! nothing dated in the future, a ledger that adds up, and a first thing to
//! do for each role.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{
    campaign, campaign_message, campaign_send, cobrand_design, cobrand_export, deal, deal_conflict,
    forum_flag, fund_claim, fund_claim_file, fund_request,
};
use app::types::campaign::{CampaignStatus, MessageStatus, SendStatus};
use app::types::cobrand::DesignStatus;
use app::types::deal::DealStatus;
use app::types::funds::{ClaimStatus, RequestStatus};
use app::types::notification::NeedsYou;
use axum::http::StatusCode;
use chrono::Utc;
use common::{TestApp, HOST_A};
use sea_orm::EntityTrait;
use std::collections::BTreeSet;
use std::time::Instant;

/// The member's home card: waiting work and the newest unread notices.
async fn needs_you(app: &TestApp, email: &str) -> NeedsYou {
    let cookie = app.sign_in(HOST_A, email).await;
    let res = app.call(HOST_A, "get_needs_you", Some(&cookie), &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view()
}

/// The member's waiting work, most urgent first, as "sentence -> link".
async fn tasks(app: &TestApp, email: &str) -> Vec<String> {
    needs_you(app, email)
        .await
        .tasks
        .into_iter()
        .map(|t| format!("{} -> {}", t.sentence, t.href))
        .collect()
}

fn has(tasks: &[String], part: &str) -> bool {
    tasks.iter().any(|t| t.contains(part))
}

async fn demo_in_use(app: &TestApp) {
    let started = Instant::now();
    app::ssr::seed::seed_demo_activity(&app.state)
        .await
        .unwrap();
    let took = started.elapsed();
    eprintln!("demo activity seeded in {} ms", took.as_millis());
    assert!(took.as_secs() < 30, "seeding took {took:?}");
    let db = &app.state.db;
    let now = Utc::now();

    let requests = fund_request::Entity::find().all(db).await.unwrap();
    let states: Vec<_> = requests.iter().map(|r| r.status).collect();
    for s in [
        RequestStatus::Submitted,
        RequestStatus::ChangesRequested,
        RequestStatus::Approved,
        RequestStatus::Rejected,
        RequestStatus::Closed,
    ] {
        assert!(states.contains(&s), "no request {s:?}");
    }
    assert!(requests
        .iter()
        .any(|r| r.approved_minor.is_some_and(|a| a < r.requested_minor)));
    assert!(requests.iter().all(|r| r.created_at <= now));

    let claims = fund_claim::Entity::find().all(db).await.unwrap();
    let states: Vec<_> = claims.iter().map(|c| c.status).collect();
    for s in [
        ClaimStatus::Draft,
        ClaimStatus::Submitted,
        ClaimStatus::InfoRequested,
        ClaimStatus::Approved,
        ClaimStatus::Rejected,
        ClaimStatus::Paid,
    ] {
        assert!(states.contains(&s), "no claim {s:?}");
    }
    let proofs = fund_claim_file::Entity::find().all(db).await.unwrap();
    assert_eq!(proofs.len(), claims.len(), "one proof per claim");

    let designs = cobrand_design::Entity::find().all(db).await.unwrap();
    let states: Vec<_> = designs.iter().map(|d| d.status).collect();
    for s in [
        DesignStatus::Draft,
        DesignStatus::Submitted,
        DesignStatus::Approved,
        DesignStatus::Rejected,
    ] {
        assert!(states.contains(&s), "no design {s:?}");
    }
    let exports = cobrand_export::Entity::find().all(db).await.unwrap();
    assert!(exports.len() >= 4, "{} exports", exports.len());

    let campaigns = campaign::Entity::find().all(db).await.unwrap();
    let states: Vec<_> = campaigns.iter().map(|c| c.status).collect();
    for s in [
        CampaignStatus::Draft,
        CampaignStatus::Published,
        CampaignStatus::Ended,
    ] {
        assert!(states.contains(&s), "no campaign {s:?}");
    }
    let today = now.date_naive();
    assert!(campaigns
        .iter()
        .any(|c| c.status == CampaignStatus::Published && c.starts_on > today));
    assert!(campaigns
        .iter()
        .any(|c| c.status == CampaignStatus::Published && c.starts_on <= today));
    let messages = campaign_message::Entity::find().all(db).await.unwrap();
    let delivered = messages
        .iter()
        .filter(|m| m.status == MessageStatus::Delivered)
        .count();
    let opened = messages.iter().filter(|m| m.opened_at.is_some()).count();
    let clicked = messages.iter().filter(|m| m.clicked_at.is_some()).count();
    assert!(delivered >= 90, "{delivered} delivered");
    assert!(
        opened > delivered / 3 && clicked > 5,
        "{opened} opened, {clicked} clicked"
    );
    assert!(messages
        .iter()
        .all(|m| m.sent_at.is_none_or(|at| at <= now) && m.opened_at.is_none_or(|at| at <= now)));
    let opened_days: BTreeSet<_> = messages
        .iter()
        .filter_map(|m| m.opened_at.map(|at| at.date_naive()))
        .collect();
    assert!(
        opened_days.len() >= 6,
        "opens on {} days",
        opened_days.len()
    );
    let sends = campaign_send::Entity::find().all(db).await.unwrap();
    assert!(sends
        .iter()
        .any(|s| s.status == SendStatus::Scheduled && s.scheduled_at > now));

    assert_eq!(forum_flag::Entity::find().all(db).await.unwrap().len(), 1);

    let deals = deal::Entity::find().all(db).await.unwrap();
    let states: Vec<_> = deals.iter().map(|d| d.status).collect();
    for s in [
        DealStatus::Draft,
        DealStatus::Submitted,
        DealStatus::Returned,
        DealStatus::Approved,
        DealStatus::Rejected,
        DealStatus::Withdrawn,
    ] {
        assert!(states.contains(&s), "no registration {s:?}");
    }
    assert!(deals.iter().any(|d| d.currency == "EUR"));
    // The returned one says which parts to change; a distributor
    // registered for one of its resellers.
    assert!(deals
        .iter()
        .any(|d| d.status == DealStatus::Returned && d.returned_fields == "customer,notes"));
    let orgs = app::ssr::entities::organization::Entity::find()
        .all(db)
        .await
        .unwrap();
    let org = |name: &str| orgs.iter().find(|o| o.name == name).unwrap().id;
    assert!(deals
        .iter()
        .any(|d| d.partner_id == org("Harbor IT Services")
            && d.distributor_id == Some(org("Bluepeak Distribution"))
            && d.customer_name == "Adventure Works Cycles"));
    let quotes = app::ssr::entities::deal_file::Entity::find()
        .all(db)
        .await
        .unwrap();
    assert!(quotes.iter().any(|f| f.content_type == "application/pdf"));
    // A won deal names the MDF activity that found it.
    assert!(deals
        .iter()
        .any(|d| d.status == DealStatus::Won && d.fund_request_id.is_some()));
    let waiting = |d: &&deal::Model| d.status == DealStatus::Submitted;
    let dues: Vec<_> = deals
        .iter()
        .filter(waiting)
        .filter_map(|d| d.decision_due_at)
        .collect();
    assert!(dues.iter().any(|due| *due < now), "none overdue: {dues:?}");
    assert!(
        dues.iter()
            .any(|due| *due > now && *due - now < chrono::Duration::hours(24)),
        "none due within the day: {dues:?}"
    );
    let clashes = deal_conflict::Entity::find().all(db).await.unwrap();
    assert!(
        clashes.iter().any(|c| c.resolution.is_none()),
        "{clashes:?}"
    );

    // ... and the return on that activity's funds counts it.
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    let overview: app::types::funds::FundsOverview = app
        .call(HOST_A, "get_funds_overview", Some(&admin), &[])
        .await
        .view();
    assert!(
        overview
            .roi
            .iter()
            .any(|r| r.won_deals > 0 && r.won.iter().any(|(c, m)| c == "USD" && *m == 3_120_000)),
        "{:?}",
        overview.roi
    );

    // Leads in every state, one passed on, three from a campaign.
    let leads = app::ssr::entities::lead::Entity::find()
        .all(db)
        .await
        .unwrap();
    for s in [
        app::types::lead::LeadStatus::Queued,
        app::types::lead::LeadStatus::Offered,
        app::types::lead::LeadStatus::Accepted,
        app::types::lead::LeadStatus::Converted,
    ] {
        assert!(leads.iter().any(|l| l.status == s), "no lead {s:?}");
    }
    assert!(leads.iter().any(|l| l.passed_by_id.is_some()));
    assert_eq!(
        leads
            .iter()
            .filter(|l| l.source == app::types::lead::LeadSource::Campaign)
            .count(),
        3,
        "two imported, one asked for from the e-mail"
    );
    assert!(leads.iter().any(|l| l.deal_id.is_some()));
    // The lead that needs the security certification went to its holder.
    let harbor = orgs
        .iter()
        .find(|o| o.name == "Harbor IT Services")
        .unwrap()
        .id;
    assert!(leads
        .iter()
        .any(|l| l.certification_id.is_some() && l.partner_id == Some(harbor)));

    let ledger = app::ssr::services::funds::verify::ledger(db).await.unwrap();
    assert!(ledger.problems.is_empty(), "{:?}", ledger.problems);

    // Each role has work waiting, the most urgent first.
    let olivia = tasks(app, "olivia@northwind.example").await;
    assert!(olivia[0].contains("/funds/requests/"), "{olivia:?}");
    assert!(has(&olivia, "Claim “LinkedIn ads"), "{olivia:?}");
    assert!(has(&olivia, "“SD-WAN for branch offices”"), "{olivia:?}");
    // The notice of the campaign to join is left out beside its task; the
    // notice of a campaign already joined stays.
    let notices: Vec<String> = needs_you(app, "olivia@northwind.example")
        .await
        .items
        .into_iter()
        .map(|n| n.sentence)
        .collect();
    assert!(
        !notices
            .iter()
            .any(|n| n.starts_with("New campaign") && n.contains("SD-WAN for branch offices")),
        "{notices:?}"
    );
    assert!(has(&notices, "New campaign from"), "{notices:?}");
    let dana = tasks(app, "dana.cole@acme.example").await;
    assert!(has(&dana, "/funds?status=submitted"), "{dana:?}");
    assert!(
        has(
            &dana,
            "deal registrations wait for your decision, the first overdue"
        ),
        "{dana:?}"
    );
    let felix = tasks(app, "felix.ortiz@acme.example").await;
    assert!(has(&felix, "approved claim to pay"), "{felix:?}");
    let maya = tasks(app, "maya.lin@acme.example").await;
    assert!(has(&maya, "-> /cobrand"), "{maya:?}");
    let admin = tasks(app, "admin@acme.example").await;
    assert!(has(&admin, "is still unused"), "{admin:?}");
    assert!(has(&admin, "-> /forum/moderation"), "{admin:?}");
    let lena = tasks(app, "lena@nordlicht.example").await;
    assert!(has(&lena, "„Hausmesse München“"), "{lena:?}");
    assert!(has(&lena, "„SD-WAN für Filialen“"), "{lena:?}");
    assert!(has(&lena, "„Bäckerei Huber KG“"), "{lena:?}");
}

both!(demo_program_is_in_use, demo_in_use);
