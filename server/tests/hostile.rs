//! The hostile-input run: every server function and every plain route,
//! called from another origin, signed out, as every role with hostile text
//! and ids, and as another program's users with this program's ids. It is
//! driven from one table per kind of route (`SERVER_FNS` here, the router's
//! own `server::routes::plain_routes()`), and a route without a row fails.
//!
//! What must hold everywhere: no 5xx and no panic; cross-origin writes get
//! 403; a signed-out visitor gets 401 from anything not public; each role is
//! refused (403/404) exactly where the table says; another program's users
//! never get a success for a record of this program, nor see its names.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::types::Role;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{Resp, TestApp, HOST_A, HOST_B};
use server::routes::{plain_routes, RouteKind, Who};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Who may call a server function with the run's sample request (record
/// id 1 of the demo program, hostile text everywhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    /// Signed out too (sign-in, invitations, the program's brand).
    Public,
    /// Signed-in members, except the roles listed, who are refused: 403,
    /// or 404 where record 1 is not theirs to know of. A guard that starts
    /// letting a listed role through, or stops one, fails the run.
    MembersBut(&'static [Role]),
}

use Reach::*;
use Role::{
    ChannelManager as CM, Finance as FIN, MarketingManager as MM, PartnerAdmin as PA,
    PartnerUser as PU, VendorAdmin as VA,
};

const ALL: Reach = MembersBut(&[]);
/// Refused to every role: record 1 of its kind is not in the demo program
/// (or not visible), so the run proves only that nobody gets through.
const NONE: Reach = MembersBut(&[VA, CM, MM, FIN, PA, PU]);
/// Partners' own work (contacts, fund requests): vendor staff refused.
const VENDOR: Reach = MembersBut(&[VA, CM, MM, FIN]);

/// Every server function and who may call it with the sample request.
/// Functions that end the caller's session come last (the run reuses
/// sessions).
const SERVER_FNS: &[(&str, Reach)] = &[
    // account
    ("list_time_zones", ALL),
    ("rename_me", ALL),
    ("set_language", Public),
    ("set_time_zone", ALL),
    // auth
    ("accept_invitation", Public),
    ("get_current_user", Public),
    ("get_invitation", Public),
    ("program_brand", Public),
    ("request_password_reset", Public),
    ("reset_password", Public),
    ("sign_in", Public),
    // campaigns (no campaign 1 in the demo: refused by all)
    ("add_contact", VENDOR),
    ("cancel_send", NONE),
    ("change_campaign_status", NONE),
    ("get_campaign", NONE),
    ("get_campaign_form", NONE),
    ("get_campaigns_page", ALL),
    ("get_contacts", VENDOR),
    ("import_contacts", VENDOR),
    ("join_campaign", NONE),
    ("remove_contact", NONE),
    ("save_campaign", MembersBut(&[CM, FIN, PA, PU])),
    ("send_campaign", NONE),
    // co-branding (no design 1: refused by all)
    ("archive_template", MembersBut(&[CM, FIN, PA, PU])),
    ("get_editor", NONE),
    ("get_template", MembersBut(&[CM, FIN, PA, PU])),
    ("get_templates_page", ALL),
    ("preview_email", NONE),
    ("publish_template", MembersBut(&[CM, FIN, PA, PU])),
    ("restore_revision", NONE),
    // The hostile decision is refused (422) before the role is checked.
    ("review_design", ALL),
    ("save_design", NONE),
    ("save_template", MembersBut(&[CM, FIN, PA, PU])),
    ("submit_design", NONE),
    // admin
    ("list_recurring_runs", MembersBut(&[CM, MM, FIN, PA, PU])),
    // dashboard
    ("get_dashboard", ALL),
    // notifications
    ("get_needs_you", ALL),
    ("get_notifications", ALL),
    ("read_notifications", ALL),
    ("set_notification_preferences", ALL),
    // forum
    ("accept_answer", MembersBut(&[FIN, PA, PU])),
    ("create_topic", ALL),
    ("edit_post", MembersBut(&[FIN, PA, PU])),
    ("find_members", ALL),
    ("flag_post", ALL),
    ("get_forum", ALL),
    ("get_moderation", MembersBut(&[FIN, PA, PU])),
    ("get_new_posts", ALL),
    ("get_new_topic_form", ALL),
    ("get_post_edit", MembersBut(&[FIN, PA, PU])),
    ("get_post_history", ALL),
    ("get_quote", ALL),
    ("get_topic", ALL),
    ("like_post", ALL),
    ("reply_to_topic", ALL),
    ("save_category", MembersBut(&[CM, FIN, PA, PU])),
    ("search_forum", ALL),
    ("set_forum_approval", MembersBut(&[CM, MM, FIN, PA, PU])),
    ("set_watch", NONE),
    // User 1 is the vendor admin: only they may act on them (and not suspend themselves).
    ("suspend_member", MembersBut(&[CM, MM, FIN, PA, PU])),
    // funds (no request 1 in the demo: refused by all)
    ("accrue_won_deals", MembersBut(&[CM, PA, PU])),
    ("allocate_funds", MembersBut(&[CM, PA, PU])),
    ("close_fund_request", NONE),
    ("create_budget", MembersBut(&[CM, PA, PU])),
    ("decide_fund_request", NONE),
    ("get_fund_request", NONE),
    ("get_funds_overview", ALL),
    ("import_revenue", MembersBut(&[CM, PA, PU])),
    ("pay_claim", NONE),
    ("record_revenue", MembersBut(&[CM, PA, PU])),
    ("resubmit_fund_request", NONE),
    ("review_claim", NONE),
    ("save_claim", NONE),
    ("set_claim_window", MembersBut(&[CM, MM, FIN, PA, PU])),
    ("submit_claim", NONE),
    ("submit_fund_request", VENDOR),
    // products (product 1 is in the demo catalogue)
    ("get_catalogue", ALL),
    ("get_product_form", MembersBut(&[CM, FIN, PA, PU])),
    ("import_products", MembersBut(&[CM, FIN, PA, PU])),
    ("save_product", MembersBut(&[CM, FIN, PA, PU])),
    ("save_product_family", MembersBut(&[CM, FIN, PA, PU])),
    // revenue
    ("get_revenue_page", MembersBut(&[PA, PU])),
    ("set_exchange_rate", MembersBut(&[CM, PA, PU])),
    // tiers (tier 1 is the demo program's Platinum)
    ("get_audience_choices", MembersBut(&[PU])),
    ("get_tiers", MembersBut(&[PA, PU])),
    ("save_tier", MembersBut(&[CM, MM, FIN, PA, PU])),
    ("save_partner_type", MembersBut(&[CM, MM, FIN, PA, PU])),
    // partners (organisation 1 is the vendor itself, not a partner)
    ("create_partner", MembersBut(&[CM, MM, FIN, PA, PU])),
    ("get_partner", NONE),
    // A partner admin reads their channel (empty when nobody buys through them).
    ("list_partners", MembersBut(&[PU])),
    ("update_partner_profile", NONE),
    ("update_partner_program", NONE),
    // deals: the conflict check is the partners'; named accounts the admin's
    ("add_named_account", MembersBut(&[CM, MM, FIN, PA, PU])),
    ("check_deal_customer", VENDOR),
    // (no registration 1 in the test program: refused by all)
    ("add_deal_comment", NONE),
    ("ask_deal_extension", NONE),
    ("close_deal", NONE),
    ("decide_deal", NONE),
    ("extend_deal", NONE),
    ("get_deal", NONE),
    ("get_deal_form", NONE),
    ("get_deals", MembersBut(&[MM, FIN])),
    ("get_named_accounts", MembersBut(&[CM, MM, FIN, PA, PU])),
    ("remove_named_account", NONE),
    ("resolve_deal_conflict", NONE),
    ("save_deal", VENDOR),
    ("withdraw_deal", NONE),
    // leads (no lead 1 in the test program, organisation 1 is the vendor)
    ("accept_lead", NONE),
    ("close_lead", NONE),
    ("create_lead", MembersBut(&[FIN, PA, PU])),
    ("decline_lead", NONE),
    ("get_lead", NONE),
    ("get_lead_fairness", MembersBut(&[FIN, PA, PU])),
    ("get_lead_form", MembersBut(&[FIN, PA, PU])),
    ("get_lead_settings", MembersBut(&[CM, MM, FIN, PA, PU])),
    ("get_leads", MembersBut(&[FIN])),
    ("import_leads", MembersBut(&[FIN, PA, PU])),
    ("mark_lead_contacted", NONE),
    ("pass_lead", NONE),
    ("pause_leads", NONE),
    ("route_lead", NONE),
    ("save_lead_settings", MembersBut(&[CM, MM, FIN, PA, PU])),
    ("save_partner_leads", NONE),
    // territories (organisation 1 is the vendor: no territory to keep)
    ("add_territory_areas", NONE),
    ("remove_territory_area", NONE),
    ("set_partner_location", NONE),
    // users
    ("invite_user", MembersBut(&[CM, MM, FIN, PU])),
    ("list_users", MembersBut(&[CM, MM, FIN, PU])),
    ("revoke_invitation", NONE),
    ("set_user_active", MembersBut(&[CM, MM, FIN, PA, PU])),
    // Late: these hide or delete post 1 and its topic for the rows after.
    ("moderate_post", MembersBut(&[FIN, PA, PU])),
    ("moderate_topic", NONE),
    ("delete_post", MembersBut(&[CM, MM, FIN, PA, PU])),
    // last: these end or change the caller's session
    ("change_my_password", ALL),
    ("sign_out", Public),
];

/// One member of the demo program per role.
const MEMBERS: [(Role, &str); 6] = [
    (VA, "admin@acme.example"),
    (CM, "dana.cole@acme.example"),
    (MM, "maya.lin@acme.example"),
    (FIN, "felix.ortiz@acme.example"),
    (PA, "olivia@northwind.example"),
    (PU, "sam@northwind.example"),
];

/// Text a hostile client sends in every free-text field.
const HOSTILE_TEXT: [&str; 3] = [
    "<script>alert(1)</script>'\"; DROP TABLE users;-- ../../etc/passwd %00 \u{202e}",
    "=cmd|'/C calc'!A0\u{0}\r\n\u{ffff}",
    // Shaped like our own pages, for arguments that become a redirect.
    "/forum/moderation\r\nSet-Cookie: x=1\t//evil.example",
];

/// Names of this program that another program's users must never read.
const PROGRAM_A_MARKERS: [&str; 3] = ["Northwind", "acme.example", "Acme Networks"];

/// Every argument name any server function takes, with a value of its
/// type: `id` for record ids, `text` for free text. Unknown fields are
/// ignored by each function, so one form fits all.
fn universal_form(id: &str, text: &str) -> Vec<(&'static str, String)> {
    const IDS: [&str; 21] = [
        "id",
        "area_id",
        "user_id",
        "topic_id",
        "post_id",
        "category_id",
        "template_id",
        "design_id",
        "revision_id",
        "campaign_id",
        "send_id",
        "target_id",
        "partner",
        "quote",
        "after",
        "before",
        "category",
        "number",
        "conflict_id",
        "partner_id",
        "lead",
    ];
    const TEXTS: [&str; 117] = [
        "lang",
        "name",
        "title",
        "body",
        "email",
        "password",
        "confirm",
        "current",
        "token",
        "next",
        "zone",
        "prefix",
        "reason",
        "note",
        "action",
        "csv",
        "key",
        "budget_id",
        "target",
        "amount",
        "kind",
        "currency",
        "total",
        "starts_on",
        "ends_on",
        "coop_percent",
        "paid_on",
        "payment_reference",
        "period",
        "revenue",
        "allocation_id",
        "activity_type",
        "description",
        "partner_share",
        "expected_leads",
        "expected_attendees",
        "expected_pipeline",
        "actual",
        "actual_leads",
        "actual_attendees",
        "actual_pipeline",
        "results",
        "claim_amount",
        "claim_reason",
        "website",
        "phone",
        "address",
        "city",
        "country",
        "brand_color",
        "partner_type",
        "tier",
        "region",
        "segment",
        "channel_manager_id",
        "buys_through",
        "organization_id",
        "role",
        "comment",
        "format",
        "source",
        "visibility",
        "level",
        "target_kind",
        "tags",
        "tag",
        "solved",
        "q",
        "back",
        "goal",
        "subject",
        "when",
        "email_subject",
        "email_template_id",
        "social_template_id",
        "social_copy",
        "schedule",
        "company",
        "consent",
        "consent_all",
        "commit",
        "requires_approval",
        "approve_first_posts",
        "decision",
        "sku",
        "family",
        "unit",
        "rank",
        "deal_protection_days",
        "lead_weight",
        "mdf_accrual",
        "discount",
        "valid_from",
        "rate",
        "customer_name",
        "contact_name",
        "contact_email",
        "expected_close_on",
        "stage",
        "origin",
        "resolution",
        "outcome",
        "closed_on",
        "lost_reason",
        "extension_reason",
        "for_partner",
        "sourced_by",
        "accept_hours",
        "contact_hours",
        "routing",
        "capacity",
        "paused_until",
        "coordinates",
        "priority",
        "reseller",
        "campaign",
        "certification",
    ];
    let mut form: Vec<(&'static str, String)> = IDS.iter().map(|k| (*k, id.to_owned())).collect();
    form.extend(TEXTS.iter().map(|k| (*k, text.to_owned())));
    form.extend([
        ("version", "1".to_owned()),
        ("days", "1".to_owned()),
        ("active", "true".to_owned()),
        ("values[headline]", text.to_owned()),
        ("tiers[platinum]", text.to_owned()),
        ("parts[customer]", text.to_owned()),
        ("delivery[forum_mention]", text.to_owned()),
    ]);
    form
}

async fn call(
    app: &TestApp,
    host: &str,
    name: &str,
    cookie: Option<&str>,
    form: &[(&str, String)],
) -> Resp {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(host, name, cookie, &pairs).await
}

fn fails(problems: &mut String, what: String) {
    let _ = writeln!(problems, "{what}");
}

/// The registered server functions, by name.
fn registered() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect()
}

#[test]
fn every_server_function_has_a_row() {
    let listed: BTreeSet<String> = SERVER_FNS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(listed.len(), SERVER_FNS.len(), "a function listed twice");
    let registered = registered();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "server functions without a row in SERVER_FNS: {missing:?}; rows without a function: {stale:?}"
    );
}

async fn server_functions(app: &TestApp) {
    let mut problems = String::new();
    let mut observed: BTreeMap<&str, Vec<Role>> = BTreeMap::new();
    let mut cookies = Vec::new();
    for (role, email) in MEMBERS {
        cookies.push((role, app.sign_in(HOST_A, email).await));
    }
    app.add_tenant_b().await;
    let outsiders = [
        app.sign_in(HOST_B, "boss@globex.example").await,
        app.sign_in(HOST_B, "pat@globexpartner.example").await,
    ];
    for &(name, reach) in SERVER_FNS {
        let sample = universal_form("1", HOSTILE_TEXT[0]);
        // Another origin: refused before anything runs.
        let mut req = Request::post(format!("/api/{name}"))
            .header(header::HOST, HOST_A)
            .header(header::ORIGIN, "https://evil.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some((_, c)) = cookies.first() {
            req = req.header(header::COOKIE, c);
        }
        let pairs: Vec<(&str, &str)> = sample.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = app
            .send(req.body(Body::from(common::encode_form(&pairs))).unwrap())
            .await;
        if res.status != StatusCode::FORBIDDEN {
            fails(
                &mut problems,
                format!("{name}: cross-origin answered {}", res.status),
            );
        }
        // Signed out.
        let res = call(app, HOST_A, name, None, &sample).await;
        let expected_anon = match reach {
            Public => !res.status.is_server_error() && res.status != StatusCode::UNAUTHORIZED,
            MembersBut(_) => res.status == StatusCode::UNAUTHORIZED,
        };
        if !expected_anon {
            fails(
                &mut problems,
                format!("{name}: signed out answered {} {}", res.status, res.body),
            );
        }
        // Each role, with each hostile text.
        for (role, cookie) in &cookies {
            for text in HOSTILE_TEXT {
                let res = call(app, HOST_A, name, Some(cookie), &universal_form("1", text)).await;
                if res.status.is_server_error() {
                    fails(
                        &mut problems,
                        format!(
                            "{name} as {role:?} with {text:?}: {} {}",
                            res.status, res.body
                        ),
                    );
                }
                if text == HOSTILE_TEXT[0]
                    && matches!(res.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND)
                    && !observed.get(name).is_some_and(|r| r.contains(role))
                {
                    observed.entry(name).or_default().push(*role);
                }
            }
        }
        // Another program's users with this program's first ids.
        for cookie in &outsiders {
            for id in ["1", "2", "3"] {
                let res = call(
                    app,
                    HOST_B,
                    name,
                    Some(cookie),
                    &universal_form(id, HOSTILE_TEXT[0]),
                )
                .await;
                if res.status.is_server_error() {
                    fails(
                        &mut problems,
                        format!("{name} from program B, id {id}: {}", res.status),
                    );
                }
                if let Some(marker) = PROGRAM_A_MARKERS.iter().find(|m| res.body.contains(**m)) {
                    fails(
                        &mut problems,
                        format!(
                            "{name} from program B, id {id}: answer names {marker:?}: {}",
                            res.body
                        ),
                    );
                }
            }
        }
    }
    // Each role is refused exactly where the table says.
    let mut table = String::new();
    for &(name, reach) in SERVER_FNS {
        let refused = observed.remove(name).unwrap_or_default();
        let _ = writeln!(table, "    (\"{name}\", {refused:?}),");
        if let MembersBut(roles) = reach {
            let mut expected = roles.to_vec();
            let mut got = refused.clone();
            expected.sort_by_key(|r| r.as_str());
            got.sort_by_key(|r| r.as_str());
            if expected != got {
                fails(
                    &mut problems,
                    format!("{name}: refused {got:?}, table says {expected:?}"),
                );
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{problems}\nobserved refusals:\n{table}"
    );
}
both!(
    every_server_function_survives_hostile_callers,
    server_functions
);

/// Arguments that cannot be read (a number that is not one, a field left
/// out of a hand-made request) are the caller's mistake: 400 with a
/// message in the caller's language, never a 500.
async fn unreadable_arguments(app: &TestApp) {
    let admin = app.sign_in(HOST_A, "admin@acme.example").await;
    for (name, form) in [
        ("get_lead", vec![("id", "not-a-number")]),
        ("decline_lead", vec![("id", "1"), ("version", "x")]),
        ("get_deal", vec![("id", "1e9999")]),
    ] {
        let res = app.call(HOST_A, name, Some(&admin), &form).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{name}: {}", res.body);
        assert!(
            res.body.contains("Malformed"),
            "{name}: the error says what it is: {}",
            res.body
        );
    }
}
both!(
    unreadable_arguments_are_refused_not_failed,
    unreadable_arguments
);

/// Every plain route (files, forms, streams, mail links) from the router's
/// table: no 5xx for any caller; members' routes give a signed-out visitor
/// nothing; their writes from another origin are refused.
async fn plain_routes_hold(app: &TestApp) {
    let mut problems = String::new();
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    app.add_tenant_b().await;
    let pat = app.sign_in(HOST_B, "pat@globexpartner.example").await;
    for route in plain_routes() {
        let path = fill(route.path);
        for method in [Method::GET, Method::POST] {
            for (who, cookie, host) in [
                ("signed out", None, HOST_A),
                ("partner admin", Some(olivia.as_str()), HOST_A),
                ("program B", Some(pat.as_str()), HOST_B),
            ] {
                // A member's live stream stays open by design.
                if route.kind == RouteKind::Stream && who == "partner admin" {
                    continue;
                }
                let mut req = Request::builder()
                    .method(method.clone())
                    .uri(&path)
                    .header(header::HOST, host)
                    .header(header::ORIGIN, format!("http://{host}"))
                    .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x");
                if let Some(c) = cookie {
                    req = req.header(header::COOKIE, c);
                }
                let res = app
                    .send(
                        req.body(Body::from("--x\r\n\r\n<script>\r\n--x--"))
                            .unwrap(),
                    )
                    .await;
                if res.status.is_server_error() {
                    fails(
                        &mut problems,
                        format!("{method} {path} {who}: {}", res.status),
                    );
                }
                if who == "signed out" && route.who == Who::Members && res.status.is_success() {
                    fails(
                        &mut problems,
                        format!("{method} {path} signed out: {}", res.status),
                    );
                }
                // A route naming a record (`{id}`) must not serve program
                // A's to program B; one without (an export of the reader's
                // own list) serves B its own, never A's.
                let names_a_record = route.path.contains('{');
                let leaks = if names_a_record {
                    res.status.is_success()
                } else {
                    res.status.is_success() && res.body.contains("Northwind")
                };
                if who == "program B" && leaks && route.who == Who::Members {
                    fails(
                        &mut problems,
                        format!("{method} {path} from program B: {}", res.status),
                    );
                }
            }
            if method == Method::POST {
                let res = app
                    .send(
                        Request::post(&path)
                            .header(header::HOST, HOST_A)
                            .header(header::ORIGIN, "https://evil.example")
                            .header(header::COOKIE, &olivia)
                            .body(Body::empty())
                            .unwrap(),
                    )
                    .await;
                if res.status != StatusCode::FORBIDDEN {
                    fails(
                        &mut problems,
                        format!("POST {path} cross-origin: {}", res.status),
                    );
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems}");
}
both!(
    every_plain_route_survives_hostile_callers,
    plain_routes_hold
);

/// A route pattern with this program's first ids and hostile segments.
fn fill(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|segment| match segment {
            "{id}" | "{n}" | "{tenant}" => "1".to_owned(),
            "{file}" => "..%2f..%2fetc%2fpasswd".to_owned(),
            "{name}" => "%2e%2e%2f%2e%2e%2fsecret.png".to_owned(),
            "{signature}" => "AAAA".to_owned(),
            "{format}" => "svg".to_owned(),
            other => other.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}
