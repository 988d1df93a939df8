//! The demo community: categories for every partner, a Platinum-only lounge
//! and a staff room, with real-looking questions, answers, mentions, an
//! accepted answer, likes and a pinned welcome.

use super::actor;
use crate::locale::Locale;
use crate::ssr::entities::{
    forum_category as category, forum_like as like, forum_post as post, forum_topic as topic,
    notification, user,
};
use crate::ssr::services::forum::posts::{bump, Draft};
use crate::ssr::services::notifications::{self, Notice, Recipient};
use crate::ssr::Actor;
use crate::types::forum::{CategoryVisibility, PostStatus};
use crate::types::localized::Translations;
use crate::types::notification::{Delivery, Details, NotificationKind};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

fn err(e: crate::error::AppError) -> DbErr {
    DbErr::Custom(e.to_string())
}

async fn add_category(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    position: i32,
    (name, description, visibility, tiers): (&str, &str, CategoryVisibility, &str),
    (name_de, description_de): (&str, &str),
) -> Result<i64, DbErr> {
    let mut german = Translations::default();
    german.set(Locale::de, "name", name_de);
    german.set(Locale::de, "description", description_de);
    Ok(category::ActiveModel {
        tenant_id: Set(tenant_id),
        name: Set(name.into()),
        description: Set(description.into()),
        language: Set("en".into()),
        translations: Set(german.to_column()),
        visibility: Set(visibility),
        audience_tiers: Set(tiers.into()),
        audience_types: Set(String::new()),
        position: Set(position),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// A topic with its replies: (author e-mail, body) each.
struct Thread<'a> {
    category: i64,
    title: &'a str,
    tags: &'a str,
    pinned: bool,
    /// When the question was asked; replies follow a few hours apart.
    days_ago: i64,
    /// Index of the reply that is the accepted answer.
    accepted: Option<usize>,
    posts: &'a [(&'a str, &'a str)],
}

async fn thread(db: &impl ConnectionTrait, tenant_id: i64, th: Thread<'_>) -> Result<(), DbErr> {
    let asker = actor(db, tenant_id, th.posts[0].0).await?;
    let now = Utc::now() - Duration::days(th.days_ago);
    let t = topic::ActiveModel {
        tenant_id: Set(tenant_id),
        category_id: Set(th.category),
        author_id: Set(asker.user_id),
        title: Set(th.title.into()),
        tags: Set(th.tags.into()),
        status: Set(PostStatus::Published),
        pinned: Set(th.pinned),
        locked: Set(false),
        accepted_post_id: Set(None),
        last_post_id: Set(0),
        last_post_at: Set(now),
        // `bump` counts every post; the question itself is not a reply.
        reply_count: Set(-1),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut ids = Vec::new();
    for (i, (email, body)) in th.posts.iter().enumerate() {
        let who = actor(db, tenant_id, email).await?;
        let draft = Draft::prepare(db, &who, body, (i == 0).then_some(th.title))
            .await
            .map_err(err)?;
        let p = draft
            .insert(db, &who, t.id, i == 0, PostStatus::Published)
            .await
            .map_err(err)?;
        let at = now + Duration::hours(3 * i as i64);
        post::Entity::update_many()
            .col_expr(post::Column::CreatedAt, Expr::value(at))
            .filter(post::Column::Id.eq(p.id))
            .exec(db)
            .await?;
        let p = post::Model {
            created_at: at,
            ..p
        };
        bump(db, t.id, &p).await.map_err(err)?;
        ids.push((p.id, who.user_id));
        tell(db, &th, &t, &p, &who, &asker, &draft.mentioned).await?;
    }
    if let Some(i) = th.accepted {
        topic::Entity::update_many()
            .col_expr(
                topic::Column::AcceptedPostId,
                Expr::value(Some(ids[i + 1].0)),
            )
            .filter(topic::Column::Id.eq(t.id))
            .exec(db)
            .await?;
    }
    // Everyone else in the thread liked the first reply.
    if let Some(&(liked, author)) = ids.get(1) {
        let fans: Vec<i64> = ids
            .iter()
            .map(|(_, u)| *u)
            .filter(|u| *u != author)
            .collect();
        for fan in &fans {
            like::ActiveModel {
                tenant_id: Set(tenant_id),
                post_id: Set(liked),
                user_id: Set(*fan),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await
            .ok();
        }
        post::Entity::update_many()
            .col_expr(post::Column::LikeCount, Expr::value(fans.len() as i32))
            .filter(post::Column::Id.eq(liked))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// What the post would have told people, as the bell shows it: the asker
/// of each reply, everyone it mentions. Threads older than four days were
/// read; nobody is mailed.
async fn tell(
    db: &impl ConnectionTrait,
    th: &Thread<'_>,
    t: &topic::Model,
    p: &post::Model,
    who: &Actor,
    asker: &Actor,
    mentioned: &[user::Model],
) -> Result<(), DbErr> {
    let read = (th.days_ago > 4).then_some(p.created_at + Duration::hours(1));
    let notice = |to: Recipient, kind| Notice {
        to,
        kind,
        subject_id: Some(t.id),
        details: Details::Forum {
            who: who.name.clone(),
            topic: t.title.clone(),
            excerpt: String::new(),
        },
        link: format!("/forum/topics/{}#post-{}", t.id, p.id),
    };
    let mut notices: Vec<Notice> = mentioned
        .iter()
        .filter(|u| u.id != who.user_id)
        .map(|u| notice(Recipient::from(u), NotificationKind::ForumMention))
        .collect();
    let asker_mentioned = mentioned.iter().any(|u| u.id == asker.user_id);
    if !p.is_first && who.user_id != asker.user_id && !asker_mentioned {
        let to = Recipient {
            id: asker.user_id,
            email: asker.email.clone(),
            name: asker.name.clone(),
            language: asker.locale.unwrap_or_default(),
        };
        notices.push(notice(to, NotificationKind::ForumReply));
    }
    for n in notices {
        notification::Entity::insert(notifications::row(
            t.tenant_id,
            n,
            Delivery::Bell,
            p.created_at,
            read,
        ))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

pub async fn seed(db: &impl ConnectionTrait, tenant_id: i64) -> Result<(), DbErr> {
    let welcome = add_category(
        db,
        tenant_id,
        0,
        (
            "Announcements",
            "News from the Acme partner team.",
            CategoryVisibility::Partners,
            "",
        ),
        ("Ankündigungen", "Neuigkeiten vom Acme-Partnerteam."),
    )
    .await?;
    let tech = add_category(
        db,
        tenant_id,
        1,
        (
            "Technical questions",
            "Configuration, integration and troubleshooting.",
            CategoryVisibility::Partners,
            "",
        ),
        (
            "Technische Fragen",
            "Konfiguration, Integration und Fehlersuche.",
        ),
    )
    .await?;
    let marketing = add_category(
        db,
        tenant_id,
        2,
        (
            "Marketing and MDF",
            "Campaigns, co-branded material and market development funds.",
            CategoryVisibility::Partners,
            "",
        ),
        (
            "Marketing und MDF",
            "Kampagnen, Co-Branding-Material und Marketingfonds (MDF).",
        ),
    )
    .await?;
    let lounge = add_category(
        db,
        tenant_id,
        3,
        (
            "Platinum lounge",
            "Roadmap previews and early access for Platinum partners.",
            CategoryVisibility::Partners,
            "platinum",
        ),
        (
            "Platinum-Lounge",
            "Roadmap-Vorschauen und früher Zugang für Platinum-Partner.",
        ),
    )
    .await?;
    let staff = add_category(
        db,
        tenant_id,
        4,
        (
            "Staff room",
            "Vendor staff only: partner escalations and moderation notes.",
            CategoryVisibility::Staff,
            "",
        ),
        (
            "Mitarbeiterraum",
            "Nur Herstellerteam: Partner-Eskalationen und Moderationsnotizen.",
        ),
    )
    .await?;

    thread(db, tenant_id, Thread {
        category: welcome,
        title: "Welcome to the Acme partner community",
        tags: ",welcome,",
        pinned: true,
        days_ago: 12,
        accepted: None,
        posts: &[
            ("maya.lin@acme.example", "Hello partners!\n\nThis is the place to **ask questions**, share what works and find answers from Acme staff and other partners.\n\n- Mark the reply that solved your question as the answer, so others find it.\n- Mention someone with `@` and their name, e.g. @dana.cole.\n- Flag anything that does not belong here; a moderator will look at it."),
            ("olivia@northwind.example", "Great to have this. Our pre-sales team will be here a lot."),
        ],
    }).await?;
    thread(db, tenant_id, Thread {
        category: tech,
        title: "AX7 access points drop clients after firmware 7.2.1",
        tags: ",ax7,firmware,wifi,",
        pinned: false,
        days_ago: 9,
        accepted: Some(1),
        posts: &[
            ("sam@northwind.example", "Since upgrading a customer site to **7.2.1**, clients on 5 GHz drop every few minutes. Roaming logs show `802.11r` reassociation failures.\n\nHas anyone seen this? @dana.cole do you know if a fix is planned?"),
            ("ines@bluepeak.example", "We saw the same at two sites. Turning off fast roaming on the SSID stopped the drops for us, but that is only a workaround."),
            ("dana.cole@acme.example", "Thanks both. It is a known issue with fast transition and older Android clients. Firmware **7.2.2** fixes it:\n\n1. Download 7.2.2 from the partner portal.\n2. Upgrade the controller first, then the access points.\n3. Re-enable 802.11r.\n\nRelease notes are in the Announcements category."),
            ("sam@northwind.example", "7.2.2 fixed it at the customer site. Thanks @dana.cole!"),
        ],
    }).await?;
    thread(db, tenant_id, Thread {
        category: tech,
        title: "Licence renewal for multi-site SD-WAN customers",
        tags: ",licensing,sd-wan,",
        pinned: false,
        days_ago: 6,
        accepted: None,
        posts: &[
            ("jan@eurolink.example", "How do we co-term renewals when a customer adds sites in the middle of the term? Do the new site licences get pro-rated to the existing end date?"),
            ("priya@harborit.example", "We ask our channel manager for a co-term quote each time. Would love a self-service option."),
        ],
    }).await?;
    thread(db, tenant_id, Thread {
        category: marketing,
        title: "What counts as proof of performance for an MDF event claim?",
        tags: ",mdf,claims,events,",
        pinned: false,
        days_ago: 4,
        accepted: Some(0),
        posts: &[
            ("olivia@northwind.example", "We ran a customer lunch-and-learn with MDF. Besides the invoice, what proof does Acme expect with the claim?"),
            ("maya.lin@acme.example", "For events: the venue or catering **invoice**, a photo of the event with Acme branding visible, and the attendee list (names and companies are enough). Upload them on the claim; PDF, JPEG and PNG all work."),
        ],
    }).await?;
    thread(db, tenant_id, Thread {
        category: lounge,
        title: "Early access: AX9 controller beta",
        tags: ",ax9,beta,",
        pinned: false,
        days_ago: 3,
        accepted: None,
        posts: &[
            ("dana.cole@acme.example", "Platinum partners can join the AX9 controller beta from next month. Reply here if your team wants a seat."),
            ("olivia@northwind.example", "Northwind is in: two engineers."),
        ],
    }).await?;
    thread(db, tenant_id, Thread {
        category: staff,
        title: "Escalation process for partner support tickets",
        tags: ",process,",
        pinned: false,
        days_ago: 2,
        accepted: None,
        posts: &[
            ("admin@acme.example", "Reminder: partner tickets open for more than 48 hours go to the channel manager, who answers in the forum thread if one exists."),
        ],
    }).await?;
    Ok(())
}
