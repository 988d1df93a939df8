//! The one notification model: per-kind choices (bell, mail now, daily
//! digest, off), the digest pass sent once in the recipient's language,
//! the open link that marks read and goes only to the reader's own, the
//! home page's "needs you" and the old forum address.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::entities::{notification, tenant, user};
use app::ssr::services::notifications::digest;
use app::types::notification::{
    Delivery, NeedsYou, NotificationArea, NotificationKind, NotificationsPage,
};
use axum::http::StatusCode;
use common::{TestApp, HOST_A};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SAM: &str = "sam@northwind.example";
const OLIVIA: &str = "olivia@northwind.example";
const ADMIN: &str = "admin@acme.example";

async fn notes(app: &TestApp, cookie: &str) -> NotificationsPage {
    app.call(HOST_A, "get_notifications", Some(cookie), &[])
        .await
        .view()
}

fn choice(page: &NotificationsPage, kind: NotificationKind) -> Delivery {
    page.preferences
        .iter()
        .find(|p| p.kind == kind)
        .unwrap_or_else(|| panic!("{kind} not offered"))
        .delivery
}

async fn choose(app: &TestApp, cookie: &str, kind: NotificationKind, delivery: &str) {
    let field = format!("delivery[{}]", kind.as_str());
    let res = app
        .call(
            HOST_A,
            "set_notification_preferences",
            Some(cookie),
            &[(field.as_str(), delivery)],
        )
        .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
}

/// Sam asks in the forum and mentions Olivia; the topic's id.
async fn mention_olivia(app: &TestApp, sam: &str, title: &str) -> String {
    let forum: app::types::forum::ForumPage =
        app.call(HOST_A, "get_forum", Some(sam), &[]).await.view();
    let category = forum
        .categories
        .iter()
        .find(|c| c.name == "Technical questions")
        .unwrap()
        .id
        .to_string();
    let res = app
        .call(
            HOST_A,
            "create_topic",
            Some(sam),
            &[
                ("category_id", category.as_str()),
                ("title", title),
                ("tags", ""),
                ("body", "@olivia.bennett could you have a look at this one?"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    res.location()
        .unwrap()
        .trim_start_matches("/forum/topics/")
        .to_owned()
}

async fn tenant_a(app: &TestApp) -> tenant::Model {
    tenant::Entity::find()
        .filter(tenant::Column::Slug.eq("acme"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

fn mails_to(app: &TestApp, to: &str, containing: &str) -> Vec<String> {
    app.outbox()
        .into_iter()
        .filter(|m| m.contains(&format!("To: {to}")) && m.contains(containing))
        .collect()
}

/// Signs Olivia in with nothing unread (the demo left her a reply).
async fn olivia_caught_up(app: &TestApp) -> String {
    let olivia = app.sign_in(HOST_A, OLIVIA).await;
    app.call(HOST_A, "read_notifications", Some(&olivia), &[])
        .await;
    olivia
}

async fn choices_and_digest(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let olivia = olivia_caught_up(app).await;
    let admin = app.sign_in(HOST_A, ADMIN).await;

    // Defaults: mail for what answers or asks something of you.
    let page = notes(app, &olivia).await;
    assert_eq!(
        choice(&page, NotificationKind::ForumMention),
        Delivery::MailNow
    );
    assert_eq!(choice(&page, NotificationKind::ForumReply), Delivery::Bell);
    assert_eq!(
        choice(&page, NotificationKind::FundsDecided),
        Delivery::MailNow
    );
    // Vendor staff are offered the forum's kinds and registrations to
    // decide, nothing meant for partners.
    let staff = notes(app, &admin).await;
    assert!(!staff.preferences.is_empty());
    assert!(staff.preferences.iter().all(|p| matches!(
        p.kind.area(),
        NotificationArea::Forum | NotificationArea::Deals | NotificationArea::Leads
    )));
    assert!(staff
        .preferences
        .iter()
        .all(|p| p.kind != NotificationKind::DealDecided));

    // A value outside the choices is refused on its field.
    let bad = app
        .call(
            HOST_A,
            "set_notification_preferences",
            Some(&olivia),
            &[("delivery[forum_mention]", "loud")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Choose how you want to hear of this."),
        "{}",
        bad.body
    );
    assert_eq!(
        choice(&notes(app, &olivia).await, NotificationKind::ForumMention),
        Delivery::MailNow
    );

    // Olivia reads German and takes mentions in a daily digest.
    user::Entity::update_many()
        .col_expr(user::Column::Locale, Expr::value(Some("de")))
        .filter(user::Column::Email.eq(OLIVIA))
        .exec(&app.state.db)
        .await
        .unwrap();
    choose(app, &olivia, NotificationKind::ForumMention, "digest").await;
    assert_eq!(
        choice(&notes(app, &olivia).await, NotificationKind::ForumMention),
        Delivery::Digest
    );
    mention_olivia(app, &sam, "Roaming drops between access points").await;
    mention_olivia(app, &sam, "Guest portal certificate warning").await;
    app.run_jobs().await;
    assert!(
        mails_to(app, OLIVIA, "Roaming drops").is_empty(),
        "no mail before the digest"
    );
    let page = notes(app, &olivia).await;
    assert_eq!(page.unread, 2);
    assert!(
        page.items[0].sentence.contains("hat Sie in „Guest portal"),
        "in her language: {:?}",
        page.items[0]
    );

    // The day's pass: one mail with both, in German; once.
    let t = tenant_a(app).await;
    assert_eq!(digest::run_for_tenant(&app.state, &t).await.unwrap(), 1);
    assert_eq!(digest::run_for_tenant(&app.state, &t).await.unwrap(), 0);
    app.run_jobs().await;
    let digests = mails_to(app, OLIVIA, "neue Benachrichtigungen");
    assert_eq!(digests.len(), 1, "one digest");
    let mail = &digests[0];
    assert!(
        mail.contains("Roaming drops") && mail.contains("Guest portal"),
        "{mail}"
    );
    assert!(mail.contains("/notifications/"), "links open and mark read");
    assert!(mail.contains("Benachrichtigungseinstellungen"), "{mail}");

    // Off: nothing is stored at all.
    choose(app, &olivia, NotificationKind::ForumMention, "off").await;
    let before = notification::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    mention_olivia(app, &sam, "Firmware rollback after failed update").await;
    let olivias = notes(app, &olivia).await;
    assert_eq!(olivias.unread, 2, "{olivias:?}");
    let after = notification::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(after, before, "off stores nothing");
}
both!(
    each_user_chooses_per_kind_and_digests_go_once,
    choices_and_digest
);

async fn open_link(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let olivia = olivia_caught_up(app).await;
    let topic = mention_olivia(app, &sam, "Controller licence renewal question").await;
    // Mentions are mailed at once by default, linking to the post.
    app.run_jobs().await;
    let mailed = mails_to(app, OLIVIA, "Controller licence renewal");
    assert_eq!(mailed.len(), 1);
    assert!(mailed[0].contains(&format!("/forum/topics/{topic}#post-")));

    let page = notes(app, &olivia).await;
    assert_eq!(page.unread, 1);
    let href = page.items[0].href.clone();
    assert!(href.starts_with("/notifications/") && href.ends_with("/open"));
    let home: NeedsYou = app
        .call(HOST_A, "get_needs_you", Some(&olivia), &[])
        .await
        .view();
    assert_eq!((home.unread, home.items.len()), (1, 1));

    // Someone else's: their own list, and hers stays unread.
    let other = app.get(HOST_A, &href, Some(&sam)).await;
    assert_eq!(other.location().as_deref(), Some("/notifications"));
    assert_eq!(notes(app, &olivia).await.unread, 1);
    // Signed out: through sign-in, back to the same link.
    let out = app.get(HOST_A, &href, None).await;
    assert_eq!(out.location().unwrap(), format!("/sign-in?next={href}"));
    // Hers: read, and on to the post.
    let opened = app.get(HOST_A, &href, Some(&olivia)).await;
    assert!(opened.status.is_redirection(), "{}", opened.status);
    let to = opened.location().unwrap();
    assert!(
        to.starts_with(&format!("/forum/topics/{topic}#post-")),
        "{to}"
    );
    assert_eq!(notes(app, &olivia).await.unread, 0);
    let home: NeedsYou = app
        .call(HOST_A, "get_needs_you", Some(&olivia), &[])
        .await
        .view();
    assert!(home.items.is_empty());

    // Mark all read.
    mention_olivia(app, &sam, "Second question about licences").await;
    assert_eq!(notes(app, &olivia).await.unread, 1);
    let all = app
        .call(HOST_A, "read_notifications", Some(&olivia), &[])
        .await;
    assert!(all.status.is_success() || all.status.is_redirection());
    assert_eq!(notes(app, &olivia).await.unread, 0);

    // The forum's old address (in mails already sent) leads here.
    let old = app.get(HOST_A, "/forum/notifications", Some(&olivia)).await;
    assert_eq!(old.location().as_deref(), Some("/notifications"));
}
both!(the_open_link_marks_read_and_stays_with_its_owner, open_link);
