//! Community forum: visibility by tier, type and staff; asking, mentioning,
//! notifying, accepting and finding answers; sanitised bodies; moderation;
//! keyset pagination; edit history; rate limits; live updates.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::types::forum::{
    FlagReason, ForumPage, ModerationPage, PostHistory, PostStatus, SearchPage, TopicPage,
    TopicRow, WatchLevel,
};
use app::types::funds::FundsOverview;
use app::types::notification::{NotificationKind, NotificationsPage};
use app::types::views::CurrentUser;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{TestApp, HOST_A, HOST_B};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tower::ServiceExt;

const SAM: &str = "sam@northwind.example"; // Northwind, Platinum VAR
const OLIVIA: &str = "olivia@northwind.example";
const JAN: &str = "jan@eurolink.example"; // Eurolink, Gold distributor
const MARC: &str = "marc@cobaltintegration.example"; // has never posted
const DANA: &str = "dana.cole@acme.example"; // channel manager: moderates
const ADMIN: &str = "admin@acme.example";
const FELIX: &str = "felix.ortiz@acme.example"; // finance: does not moderate

async fn forum(app: &TestApp, cookie: &str, params: &[(&str, &str)]) -> ForumPage {
    let res = app.call(HOST_A, "get_forum", Some(cookie), params).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view()
}

async fn category(app: &TestApp, cookie: &str, name: &str) -> String {
    forum(app, cookie, &[])
        .await
        .categories
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no category {name}"))
        .id
        .to_string()
}

fn titles(list: &[TopicRow]) -> Vec<String> {
    list.iter().map(|t| t.title.clone()).collect()
}

async fn topic(app: &TestApp, cookie: &str, id: &str) -> common::Resp {
    app.call(HOST_A, "get_topic", Some(cookie), &[("id", id)])
        .await
}

/// Starts a topic and returns its id (from the redirect).
async fn ask(app: &TestApp, cookie: &str, category: &str, title: &str, body: &str) -> String {
    let res = app
        .call(
            HOST_A,
            "create_topic",
            Some(cookie),
            &[
                ("category_id", category),
                ("title", title),
                ("tags", "ax7, Wi-Fi"),
                ("body", body),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.body);
    res.location()
        .expect("redirects to the topic")
        .trim_start_matches("/forum/topics/")
        .to_owned()
}

async fn reply(app: &TestApp, cookie: &str, topic: &str, body: &str) -> common::Resp {
    app.call(
        HOST_A,
        "reply_to_topic",
        Some(cookie),
        &[("topic_id", topic), ("body", body)],
    )
    .await
}

async fn reply_ok(app: &TestApp, cookie: &str, topic: &str, body: &str) -> String {
    let res = reply(app, cookie, topic, body).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view::<i64>().to_string()
}

async fn search(app: &TestApp, cookie: &str, q: &str, solved: &str) -> Vec<String> {
    let res = app
        .call(
            HOST_A,
            "search_forum",
            Some(cookie),
            &[("q", q), ("solved", solved)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.view::<SearchPage>()
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect()
}

async fn visibility(app: &TestApp) {
    let jan = app.sign_in(HOST_A, JAN).await;
    let olivia = app.sign_in(HOST_A, OLIVIA).await;
    let admin = app.sign_in(HOST_A, ADMIN).await;

    let names =
        |v: &ForumPage| -> Vec<String> { v.categories.iter().map(|c| c.name.clone()).collect() };
    let jan_view = forum(app, &jan, &[]).await;
    assert_eq!(
        names(&jan_view),
        ["Announcements", "Technical questions", "Marketing and MDF"],
        "a Gold partner sees neither the Platinum lounge nor the staff room"
    );
    let all: Vec<String> = titles(&jan_view.pinned)
        .into_iter()
        .chain(titles(&jan_view.topics))
        .collect();
    assert!(
        !all.iter()
            .any(|t| t.contains("AX9") || t.contains("Escalation")),
        "{all:?}"
    );
    assert_eq!(
        names(&forum(app, &olivia, &[]).await).len(),
        4,
        "Platinum sees the lounge"
    );
    assert_eq!(
        names(&forum(app, &admin, &[]).await).len(),
        5,
        "staff see everything"
    );

    // Direct links and search are held to the same rule.
    let lounge = category(app, &olivia, "Platinum lounge").await;
    let beta_id = forum(app, &olivia, &[("category", &lounge)]).await.topics[0]
        .id
        .to_string();
    assert_eq!(
        topic(app, &jan, &beta_id).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(topic(app, &olivia, &beta_id).await.status, StatusCode::OK);
    let res = app
        .call(HOST_A, "get_forum", Some(&jan), &[("category", &lounge)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(search(app, &jan, "beta controller", "").await.is_empty());
    assert_eq!(
        search(app, &olivia, "beta controller", "").await,
        ["Early access: AX9 controller beta"]
    );
    assert!(search(app, &olivia, "escalation tickets", "")
        .await
        .is_empty());
    assert_eq!(search(app, &admin, "escalation tickets", "").await.len(), 1);
    let replied = reply(app, &jan, &beta_id, "Can we join too?").await;
    assert_eq!(
        replied.status,
        StatusCode::NOT_FOUND,
        "no writing where you cannot read"
    );

    // Another tenant sees nothing of this one.
    app.add_tenant_b().await;
    let pat = app.sign_in(HOST_B, "pat@globexpartner.example").await;
    let res = app
        .call(HOST_B, "get_topic", Some(&pat), &[("id", &beta_id)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let globex = app
        .call(HOST_B, "get_forum", Some(&pat), &[])
        .await
        .view::<ForumPage>();
    assert!(globex.categories.is_empty());

    // The live stream refuses what the member may not read.
    let live = |cookie: &str| {
        Request::get(format!("/forum/topics/{beta_id}/live"))
            .header(header::HOST, HOST_A)
            .header(header::COOKIE, cookie)
            .header(header::ACCEPT_ENCODING, common::BROWSER_ENCODINGS)
            .body(Body::empty())
            .unwrap()
    };
    let denied = app.router.clone().oneshot(live(&jan)).await.unwrap();
    assert_eq!(denied.status(), StatusCode::NOT_FOUND);
    let open = app.router.clone().oneshot(live(&olivia)).await.unwrap();
    assert_eq!(open.status(), StatusCode::OK);
    assert_eq!(open.headers()[header::CONTENT_TYPE], "text/event-stream");
    // A compressor would hold events back until its buffer fills.
    assert!(!open.headers().contains_key(header::CONTENT_ENCODING));
}
both!(partners_see_only_their_categories, visibility);

async fn ask_answer_accept(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let olivia = app.sign_in(HOST_A, OLIVIA).await;
    let jan = app.sign_in(HOST_A, JAN).await;
    // The demo left her an unread reply; counts below start from none.
    app.call(HOST_A, "read_notifications", Some(&olivia), &[])
        .await;
    let tech = category(app, &sam, "Technical questions").await;
    let id = ask(
        app,
        &sam,
        &tech,
        "Controller backup fails on schedule",
        "Nightly **backups** of the AX7 controller stop at 40%. @olivia.bennett have you seen this?",
    )
    .await;
    let page: TopicPage = topic(app, &sam, &id).await.view();
    assert_eq!(page.topic.tags, ["ax7", "wi-fi"]);
    let first = &page.posts[0];
    assert!(first.body_html.contains("<strong>backups</strong>"));
    assert!(first
        .body_html
        .contains(r#"<span class="mention">@olivia.bennett</span>"#));

    // Olivia was mentioned: in-app and by e-mail.
    let notes = app
        .call(HOST_A, "get_notifications", Some(&olivia), &[])
        .await
        .view::<NotificationsPage>();
    assert_eq!(notes.unread, 1, "{notes:?}");
    assert_eq!(notes.items[0].kind, NotificationKind::ForumMention);
    let me = app
        .call(HOST_A, "get_current_user", Some(&olivia), &[])
        .await
        .view::<Option<CurrentUser>>()
        .unwrap();
    assert_eq!(me.unread_notifications, 1);
    app.run_jobs().await;
    let mut mailed = false;
    for _ in 0..50 {
        if app.outbox().iter().any(|m| {
            m.contains("To: olivia@northwind.example") && m.contains("Controller backup fails")
        }) {
            mailed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(mailed, "mention e-mail sent");

    // Her answer notifies Sam, who watches his own topic.
    let answer = reply_ok(
        app,
        &olivia,
        &id,
        "Yes: free up space on the backup target, the job needs 2x the config size.",
    )
    .await;
    let answer_id: i64 = answer.parse().unwrap();
    let sams = app
        .call(HOST_A, "get_notifications", Some(&sam), &[])
        .await
        .view::<NotificationsPage>();
    assert_eq!(sams.items[0].kind, NotificationKind::ForumReply, "{sams:?}");

    // Only the asker (or a moderator) accepts the answer.
    let denied = app
        .call(
            HOST_A,
            "accept_answer",
            Some(&jan),
            &[("topic_id", &id), ("post_id", &answer)],
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let accepted = app
        .call(
            HOST_A,
            "accept_answer",
            Some(&sam),
            &[("topic_id", &id), ("post_id", &answer)],
        )
        .await;
    assert!(accepted.status.is_success(), "{}", accepted.body);
    let page: TopicPage = topic(app, &jan, &id).await.view();
    assert_eq!(page.topic.accepted_post_id, Some(answer_id));
    assert_eq!(
        page.accepted.as_ref().map(|p| p.id),
        Some(answer_id),
        "shown under the question"
    );

    // Solved filters and search find it.
    let solved = forum(app, &jan, &[("solved", "solved")]).await;
    assert!(titles(&solved.topics).contains(&"Controller backup fails on schedule".to_owned()));
    let unsolved = forum(app, &jan, &[("solved", "unsolved")]).await;
    assert!(!titles(&unsolved.topics).contains(&"Controller backup fails on schedule".to_owned()));
    assert_eq!(
        search(app, &jan, "backup target space", "solved").await,
        ["Controller backup fails on schedule"]
    );
    assert!(search(app, &jan, "backup target space", "unsolved")
        .await
        .is_empty());
    let by_tag = forum(app, &jan, &[("tag", "wi-fi")]).await;
    assert_eq!(
        titles(&by_tag.topics),
        ["Controller backup fails on schedule"]
    );

    // Likes toggle; one's own post cannot be liked.
    let like = |cookie: String, post: String| async move {
        app.call(HOST_A, "like_post", Some(&cookie), &[("post_id", &post)])
            .await
    };
    assert!(like(jan.clone(), answer.clone()).await.status.is_success());
    let likes = |page: TopicPage| page.posts[1].like_count;
    assert_eq!(likes(topic(app, &jan, &id).await.view()), 1);
    assert!(topic(app, &jan, &id).await.view::<TopicPage>().posts[1].liked_by_me);
    assert!(like(jan.clone(), answer.clone()).await.status.is_success());
    assert_eq!(likes(topic(app, &jan, &id).await.view()), 0);
    // Taps arriving together (a double tap, two tabs) never fail, and the
    // count always matches the likes stored.
    let taps =
        futures_util::future::join_all((0..8).map(|_| like(jan.clone(), answer.clone()))).await;
    for tap in &taps {
        assert!(tap.status.is_success(), "{} {}", tap.status, tap.body);
    }
    let shown = likes(topic(app, &jan, &id).await.view());
    let stored = app::ssr::entities::forum_like::Entity::find()
        .filter(app::ssr::entities::forum_like::Column::PostId.eq(answer_id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        u64::try_from(shown).unwrap(),
        stored,
        "like count matches the likes stored"
    );
    if stored == 1 {
        assert!(like(jan.clone(), answer.clone()).await.status.is_success());
    }
    assert_eq!(likes(topic(app, &jan, &id).await.view()), 0);
    assert_eq!(
        like(olivia.clone(), answer.clone()).await.status,
        StatusCode::CONFLICT
    );

    // Edits keep the history; a stale version is refused.
    let edit = |version: &'static str, body: &'static str| {
        let olivia = olivia.clone();
        let answer = answer.clone();
        async move {
            app.call(
                HOST_A,
                "edit_post",
                Some(&olivia),
                &[("post_id", &answer), ("version", version), ("body", body)],
            )
            .await
        }
    };
    assert!(edit(
        "1",
        "Free up space on the backup target (2x the config size)."
    )
    .await
    .status
    .is_success());
    let stale = edit("1", "Something else").await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let history = app
        .call(
            HOST_A,
            "get_post_history",
            Some(&jan),
            &[("post_id", &answer)],
        )
        .await
        .view::<PostHistory>();
    assert_eq!(history.revisions.len(), 1);
    assert!(history.revisions[0]
        .body_md
        .starts_with("Yes: free up space"));
    let not_hers = app
        .call(
            HOST_A,
            "edit_post",
            Some(&jan),
            &[("post_id", &answer), ("version", "2"), ("body", "mine now")],
        )
        .await;
    assert_eq!(not_hers.status, StatusCode::FORBIDDEN);

    // Deleting keeps the place, not the words, and clears the answer.
    assert!(app
        .call(
            HOST_A,
            "delete_post",
            Some(&olivia),
            &[("post_id", &answer)]
        )
        .await
        .status
        .is_success());
    let page: TopicPage = topic(app, &jan, &id).await.view();
    assert_eq!(page.posts[1].status, PostStatus::Deleted);
    assert_eq!(page.posts[1].body_html, "");
    assert!(page.topic.accepted_post_id.is_none());
}
both!(ask_mention_answer_accept_and_find, ask_answer_accept);

/// The tags of an HTML fragment, without text (escaped payloads are text)
/// and without quoted attribute values.
fn tags_only(html: &str) -> String {
    let (mut out, mut in_tag, mut quote) = (String::new(), false, None);
    for c in html.chars() {
        match (in_tag, quote) {
            (true, Some(q)) if c == q => quote = None,
            (true, Some(_)) => {}
            (true, None) if c == '"' || c == '\'' => quote = Some(c),
            (true, None) => {
                out.push(c);
                in_tag = c != '>';
            }
            (false, _) if c == '<' => {
                out.push(c);
                in_tag = true;
            }
            _ => {}
        }
    }
    out
}

async fn sanitising(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let tech = category(app, &sam, "Technical questions").await;
    let corpus = include_str!("../../end2end/fixtures/xss-corpus.txt");
    let id = ask(app, &sam, &tech, "Markup that must stay inert", corpus).await;
    let res = topic(app, &sam, &id).await;
    let page: TopicPage = res.view();
    let html = page.posts[0].body_html.to_ascii_lowercase();
    let markup = tags_only(&html);
    for bad in [
        "<script",
        " onerror",
        " onload",
        " onclick",
        " onfocus",
        "javascript:",
        "<iframe",
        "srcdoc",
        "<svg",
        "<style",
        "<object",
        "<embed",
    ] {
        assert!(!markup.contains(bad), "{bad} survived: {markup}");
    }
    assert!(
        html.contains(r#"rel="nofollow noopener ugc""#),
        "links are marked"
    );
    // The Markdown as written is kept for quoting (and editing), but only
    // the sanitised HTML goes out with the page.
    // (On the wire: the view type has no such field to decode into.)
    assert!(res.json()["posts"][0].get("body_md").is_none());
    let post_id = page.posts[0].id.to_string();
    let quote = app
        .call(HOST_A, "get_quote", Some(&sam), &[("post_id", &post_id)])
        .await;
    assert_eq!(quote.status, StatusCode::OK);
    let quote = quote.view::<String>();
    assert!(quote.starts_with("@") && quote.contains(" wrote:\n> "));
    assert!(quote.contains("<script>"));
    // The Quote link without JavaScript: the page starts the reply with it.
    let quoted = app
        .call(
            HOST_A,
            "get_topic",
            Some(&sam),
            &[("id", &id), ("quote", &post_id)],
        )
        .await
        .view::<TopicPage>();
    assert_eq!(quoted.quoted.as_deref(), Some(quote.as_str()));
    assert_eq!(page.quoted, None);

    // The server-rendered page carries the same text inside its hydration
    // data: every script element there is ours, with this response's nonce,
    // under the page's security headers.
    let html = app
        .get(HOST_A, &format!("/forum/topics/{id}"), Some(&sam))
        .await;
    assert_eq!(html.status, StatusCode::OK);
    assert_eq!(html.headers["x-content-type-options"], "nosniff");
    let csp = html.headers["content-security-policy"].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .unwrap();
    let scripts = html.body.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        html.body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "a posted <script> never becomes a script element"
    );
    assert!(
        html.body.contains("window.__xss"),
        "the text is on the page, inert"
    );
}
both!(bodies_are_sanitised, sanitising);

async fn moderation(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let jan = app.sign_in(HOST_A, JAN).await;
    let dana = app.sign_in(HOST_A, DANA).await;
    let felix = app.sign_in(HOST_A, FELIX).await;
    let tech = category(app, &sam, "Technical questions").await;
    let id = ask(
        app,
        &sam,
        &tech,
        "Selling refurbished units on the side",
        "Cheap AX7 units, message me.",
    )
    .await;
    let post = topic(app, &sam, &id).await.view::<TopicPage>().posts[0]
        .id
        .to_string();

    let flag = |reason: &'static str, note: &'static str| {
        let jan = jan.clone();
        let post = post.clone();
        async move {
            app.call(
                HOST_A,
                "flag_post",
                Some(&jan),
                &[("post_id", &post), ("reason", reason), ("note", note)],
            )
            .await
        }
    };
    assert_eq!(
        flag("other", "").await.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "other needs a note"
    );
    assert!(flag("spam", "Grey-market offer").await.status.is_success());
    assert_eq!(
        flag("spam", "").await.status,
        StatusCode::CONFLICT,
        "once per member"
    );

    assert_eq!(
        app.call(HOST_A, "get_moderation", Some(&felix), &[])
            .await
            .status,
        StatusCode::FORBIDDEN,
        "finance does not moderate"
    );
    assert_eq!(
        app.call(HOST_A, "get_moderation", Some(&jan), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let queue = app
        .call(HOST_A, "get_moderation", Some(&dana), &[])
        .await
        .view::<ModerationPage>();
    assert_eq!(queue.flagged[0].post_id.to_string(), post);
    assert_eq!(queue.flagged[0].flags[0].reason, FlagReason::Spam);

    let act = |who: String, action: &'static str| {
        let post = post.clone();
        async move {
            app.call(
                HOST_A,
                "moderate_post",
                Some(&who),
                &[("post_id", &post), ("action", action)],
            )
            .await
        }
    };
    assert_eq!(act(jan.clone(), "hide").await.status, StatusCode::FORBIDDEN);
    assert!(act(dana.clone(), "hide").await.status.is_success());
    let seen_by_jan: TopicPage = topic(app, &jan, &id).await.view();
    assert!(seen_by_jan.posts.is_empty(), "hidden from members");
    let quote = |who: String| {
        let post = post.clone();
        async move {
            app.call(HOST_A, "get_quote", Some(&who), &[("post_id", &post)])
                .await
                .status
        }
    };
    assert_eq!(
        quote(jan.clone()).await,
        StatusCode::NOT_FOUND,
        "nor quoted"
    );
    assert_eq!(quote(dana.clone()).await, StatusCode::OK, "moderators may");
    let seen_by_sam: TopicPage = topic(app, &sam, &id).await.view();
    assert_eq!(
        seen_by_sam.posts[0].status,
        PostStatus::Hidden,
        "the author still sees it"
    );
    let queue = app
        .call(HOST_A, "get_moderation", Some(&dana), &[])
        .await
        .view::<ModerationPage>();
    assert!(queue.flagged.is_empty(), "hiding resolves the flags");
    assert_eq!(queue.hidden[0].post_id.to_string(), post);
    assert!(act(dana.clone(), "restore").await.status.is_success());
    assert_eq!(
        topic(app, &jan, &id).await.view::<TopicPage>().posts[0].status,
        PostStatus::Published
    );

    // Locked topics take no replies from members.
    let lock = app
        .call(
            HOST_A,
            "moderate_topic",
            Some(&dana),
            &[("topic_id", &id), ("action", "lock")],
        )
        .await;
    assert!(lock.status.is_success());
    assert_eq!(
        reply(app, &jan, &id, "Interested!").await.status,
        StatusCode::CONFLICT
    );
    app.call(
        HOST_A,
        "moderate_topic",
        Some(&dana),
        &[("topic_id", &id), ("action", "unlock")],
    )
    .await;

    // A suspended member cannot post until the suspension is lifted.
    let sam_id = app
        .call(HOST_A, "get_current_user", Some(&sam), &[])
        .await
        .view::<Option<CurrentUser>>()
        .unwrap()
        .id
        .to_string();
    let suspended = app
        .call(
            HOST_A,
            "suspend_member",
            Some(&dana),
            &[
                ("user_id", &sam_id),
                ("days", "7"),
                ("reason", "Grey-market offers"),
            ],
        )
        .await;
    assert!(suspended.status.is_success(), "{}", suspended.body);
    let refused = reply(app, &sam, &id, "Still selling").await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("suspended"), "{}", refused.body);
    // The topic page says so instead of offering a reply box, and still
    // shows how Sam watches the topic (one query reads both).
    let muted = app
        .call(
            HOST_A,
            "set_watch",
            Some(&sam),
            &[
                ("target_kind", "topic"),
                ("target_id", &id),
                ("level", "mute"),
            ],
        )
        .await;
    assert!(muted.status.is_success(), "{}", muted.body);
    let page: TopicPage = topic(app, &sam, &id).await.view();
    assert!(!page.can_reply, "{page:?}");
    assert!(
        page.reply_blocked
            .as_deref()
            .is_some_and(|m| m.starts_with("You are suspended from posting in the forum until")),
        "{page:?}"
    );
    assert_eq!(page.watch, WatchLevel::Mute, "{page:?}");
    app.call(
        HOST_A,
        "suspend_member",
        Some(&dana),
        &[("user_id", &sam_id), ("days", "0")],
    )
    .await;
    let page: TopicPage = topic(app, &sam, &id).await.view();
    assert!(page.can_reply, "suspension lifted: {page:?}");
    assert_eq!(page.reply_blocked, None, "{page:?}");
    reply_ok(app, &sam, &id, "Sorry, withdrawn.").await;

    // New members' first posts wait for approval when the program asks so.
    let admin = app.sign_in(HOST_A, ADMIN).await;
    let set = app
        .call(
            HOST_A,
            "set_forum_approval",
            Some(&admin),
            &[("approve_first_posts", "on")],
        )
        .await;
    assert!(set.status.is_success());
    let marc = app.sign_in(HOST_A, MARC).await;
    let first = ask(
        app,
        &marc,
        &tech,
        "First question from Cobalt",
        "Hello, where are the MIBs?",
    )
    .await;
    assert_eq!(topic(app, &jan, &first).await.status, StatusCode::NOT_FOUND);
    let mine: TopicPage = topic(app, &marc, &first).await.view();
    assert!(mine.topic.pending);
    assert!(!mine.can_reply);
    let queue = app
        .call(HOST_A, "get_moderation", Some(&dana), &[])
        .await
        .view::<ModerationPage>();
    let pending = queue.pending[0].post_id.to_string();
    let approved = app
        .call(
            HOST_A,
            "moderate_post",
            Some(&dana),
            &[("post_id", &pending), ("action", "approve")],
        )
        .await;
    assert!(approved.status.is_success(), "{}", approved.body);
    assert_eq!(topic(app, &jan, &first).await.status, StatusCode::OK);
    let his = app
        .call(HOST_A, "get_notifications", Some(&marc), &[])
        .await
        .view::<NotificationsPage>();
    assert_eq!(his.items[0].kind, NotificationKind::ForumApproved);
}
both!(flags_hide_suspend_and_approve, moderation);

async fn keyset_pages(app: &TestApp) {
    // A moderator is exempt from the posting rate limit.
    let maya = app.sign_in(HOST_A, "maya.lin@acme.example").await;
    let tech = category(app, &maya, "Technical questions").await;
    for n in 0..65 {
        ask(
            app,
            &maya,
            &tech,
            &format!("Paging check topic number {n:02}"),
            "Body text.",
        )
        .await;
    }
    let mut seen: Vec<i64> = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut params = vec![("category", tech.as_str())];
        if let Some(a) = after.as_deref() {
            params.push(("after", a));
        }
        let page = forum(app, &maya, &params).await;
        pages += 1;
        let ids: Vec<i64> = page.topics.iter().map(|t| t.id).collect();
        assert!(ids.len() <= 30);
        seen.extend(ids);
        match page.next_cursor {
            Some(c) => after = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no topic twice across pages");
    assert_eq!(seen.len(), 65 + 2, "the new topics and the two seeded ones");

    // Posts in a topic page by id: the question and 49 replies, then 50, then the rest.
    let id = ask(app, &maya, &tech, "Long thread for paging", "Question").await;
    for n in 0..119 {
        reply_ok(app, &maya, &id, &format!("Reply {n}")).await;
    }
    let first: TopicPage = topic(app, &maya, &id).await.view();
    assert_eq!(first.posts.len(), 50);
    let cursor = first.next_cursor.unwrap().to_string();
    let second = app
        .call(
            HOST_A,
            "get_topic",
            Some(&maya),
            &[("id", &id), ("after", &cursor)],
        )
        .await
        .view::<TopicPage>();
    assert_eq!(second.posts.len(), 50);
    assert_eq!(second.posts[0].body_html, "<p>Reply 49</p>\n");
    let cursor = second.next_cursor.unwrap().to_string();
    let third = app
        .call(
            HOST_A,
            "get_topic",
            Some(&maya),
            &[("id", &id), ("after", &cursor)],
        )
        .await
        .view::<TopicPage>();
    assert_eq!(third.posts.len(), 20);
    assert!(third.next_cursor.is_none());
    assert!(third.continued);

    // A reply far down the thread redirects to the page that shows it.
    let res = reply(app, &maya, &id, "Newest").await;
    let location = res.location().unwrap();
    assert!(location.contains("?after="), "{location}");
}
both!(lists_and_topics_page_by_keyset, keyset_pages);

async fn rate_limit_and_validation(app: &TestApp) {
    let jan = app.sign_in(HOST_A, JAN).await;
    let tech = category(app, &jan, "Technical questions").await;
    let short = app
        .call(
            HOST_A,
            "create_topic",
            Some(&jan),
            &[
                ("category_id", &tech),
                ("title", "Help"),
                ("body", "x"),
                ("tags", "a,b,c,d,e,f"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let err = short.json();
    let text = err.to_string();
    assert!(text.contains("at least 8 characters"), "{text}");
    assert!(text.contains("at most 5"), "{text}");
    assert!(text.contains("Help"), "typed values come back: {text}");
    let id = ask(app, &jan, &tech, "Rate limit check topic", "First post").await;
    // Ten posts in five minutes: the topic and nine replies.
    for n in 0..9 {
        reply_ok(app, &jan, &id, &format!("Reply {n}")).await;
    }
    let limited = reply(app, &jan, &id, "One too many").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
}
both!(
    posting_is_validated_and_rate_limited,
    rate_limit_and_validation
);

fn multipart(field: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "prmforumboundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, host: &str, cookie: &str, name: &str, bytes: &[u8]) -> common::Resp {
    let (content_type, body) = multipart("file", name, bytes);
    app.send(
        Request::post("/forum/uploads")
            .header(header::HOST, host)
            .header(header::ORIGIN, format!("http://{host}"))
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

async fn pictures(app: &TestApp) {
    let sam = app.sign_in(HOST_A, SAM).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let res = upload(app, HOST_A, &sam, "rack [photo].png", png).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let markdown = res.body.clone();
    assert!(
        markdown.starts_with("![rack photo](/forum/files/"),
        "{markdown}"
    );
    let url = markdown
        .split('(')
        .nth(1)
        .unwrap()
        .trim_end_matches(')')
        .to_owned();

    // The picture shows in a post and is served to members of the program.
    let tech = category(app, &sam, "Technical questions").await;
    let id = ask(
        app,
        &sam,
        &tech,
        "Rack layout for the AX7 controller",
        &format!("Like this?\n\n{markdown}"),
    )
    .await;
    let html = topic(app, &sam, &id).await.view::<TopicPage>().posts[0]
        .body_html
        .clone();
    assert!(html.contains(&format!(r#"<img src="{url}""#)), "{html}");
    let jan = app.sign_in(HOST_A, JAN).await;
    let file = app.get(HOST_A, &url, Some(&jan)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(file.bytes, png);
    let signed_out = app.get(HOST_A, &url, None).await;
    assert_eq!(
        signed_out.status,
        StatusCode::SEE_OTHER,
        "signed out: to the sign-in page"
    );
    assert!(signed_out.bytes.is_empty());
    app.add_tenant_b().await;
    let pat = app.sign_in(HOST_B, "pat@globexpartner.example").await;
    assert_eq!(
        app.get(HOST_B, &url, Some(&pat)).await.status,
        StatusCode::NOT_FOUND
    );

    // A picture is its uploader's until posted, then readable by those who
    // can see the post's category: the Platinum lounge hides it from Jan.
    let olivia = app.sign_in(HOST_A, OLIVIA).await;
    let res = upload(app, HOST_A, &olivia, "beta rack.png", png).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let lounge_markdown = res.body.clone();
    let lounge_url = lounge_markdown
        .split('(')
        .nth(1)
        .unwrap()
        .trim_end_matches(')')
        .to_owned();
    let status_for = |cookie: String| {
        let url = lounge_url.clone();
        async move { app.get(HOST_A, &url, Some(&cookie)).await.status }
    };
    assert_eq!(status_for(olivia.clone()).await, StatusCode::OK);
    assert_eq!(status_for(jan.clone()).await, StatusCode::NOT_FOUND);
    let lounge = category(app, &olivia, "Platinum lounge").await;
    ask(
        app,
        &olivia,
        &lounge,
        "Our AX9 beta rack",
        &format!("Ready for the beta:\n\n{lounge_markdown}"),
    )
    .await;
    assert_eq!(status_for(jan.clone()).await, StatusCode::NOT_FOUND);
    let ines = app.sign_in(HOST_A, "ines@bluepeak.example").await;
    assert_eq!(status_for(ines).await, StatusCode::OK);
    assert_eq!(status_for(sam.clone()).await, StatusCode::OK);

    // Anything but a picture is refused by its content, whatever its name.
    let fake = upload(
        app,
        HOST_A,
        &sam,
        "innocent.png",
        b"<svg onload=alert(1)></svg>",
    )
    .await;
    assert_eq!(fake.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        fake.body.contains("PNG, JPEG, WebP or GIF"),
        "{}",
        fake.body
    );
    let huge = vec![0u8; 6 * 1024 * 1024];
    let res = upload(app, HOST_A, &sam, "huge.png", &huge).await;
    assert!(res.status.is_client_error(), "{}", res.status);
}
both!(pictures_are_checked_stored_and_served_in_tenant, pictures);

async fn scale_seed(app: &TestApp) {
    let report = app::ssr::seed::scale::seed(&app.state.db, 60)
        .await
        .expect("scale seed");
    assert_eq!(report.posts, 600);
    assert_eq!(report.users, 120);
    assert_eq!(report.claims, 120);
    // Fund records agree with their ledger, as the app computes balances.
    use app::ssr::entities::{fund_allocation, tenant};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let scale = tenant::Entity::find()
        .filter(tenant::Column::Slug.eq("scale"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let allocations = fund_allocation::Entity::find()
        .filter(fund_allocation::Column::TenantId.eq(scale.id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(allocations.len(), 60);
    let balances = app::ssr::repo::funds::balances_by_allocation(
        &app.state.db,
        scale.id,
        allocations.iter().map(|a| a.id).collect(),
    )
    .await
    .unwrap();
    for a in &allocations {
        assert_eq!(balances[&a.id].available, a.available_minor);
        assert_eq!(balances[&a.id].reserved, 600_000);
    }
    let host = "scale.portal.test";
    // The vendor's dashboard sums balances in the database (no id lists).
    let admin = app.sign_in(host, "admin@scale.example").await;
    let dash = app.call(host, "get_dashboard", Some(&admin), &[]).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);
    assert!(
        dash.body.contains("\"allocated\":60000000"),
        "{}",
        dash.body
    );
    assert!(dash.body.contains("\"reserved\":36000000"), "{}", dash.body);
    let user = app.sign_in(host, "user7@partner7.example").await;
    let funds = app
        .call(host, "get_funds_overview", Some(&user), &[])
        .await
        .view::<FundsOverview>();
    assert_eq!(funds.requests.len(), 2, "{funds:?}");
    let list = app
        .call(host, "get_forum", Some(&user), &[])
        .await
        .view::<ForumPage>();
    assert_eq!(list.topics.len(), 30);
    let bench = report.bench_topic_id.to_string();
    let page = app
        .call(host, "get_topic", Some(&user), &[("id", &bench)])
        .await
        .view::<TopicPage>();
    assert_eq!(page.topic.title, app::ssr::seed::scale::BENCH_TOPIC_TITLE);
    assert_eq!(page.topic.reply_count, 50);
    assert_eq!(page.posts.len(), 50);
    // Rows written after the bulk load (explicit ids) still get fresh ids.
    let tech = list.categories[1].id.to_string();
    let asked = app
        .call(
            host,
            "create_topic",
            Some(&user),
            &[
                ("category_id", &tech),
                ("title", "A question after the bulk load"),
                ("body", "Works?"),
            ],
        )
        .await;
    assert!(asked.status.is_success(), "{}", asked.body);
    let replied = app
        .call(
            host,
            "reply_to_topic",
            Some(&user),
            &[
                ("topic_id", &bench),
                ("body", "Adding to the benchmark thread"),
            ],
        )
        .await;
    assert_eq!(replied.status, StatusCode::OK, "{}", replied.body);
}
both!(scale_seed_builds_a_usable_large_program, scale_seed);
