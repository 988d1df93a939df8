//! Notifications: @mentions, replies in watched topics and categories,
//! accepted answers and approvals; in-app, and by e-mail as each member
//! prefers. Watching and muting.

use super::Access;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{
    forum_category as category, forum_notification as notification, forum_post as post,
    forum_topic as topic, forum_watch as watch, organization, user,
};
use crate::ssr::forum::markdown::excerpt;
use crate::ssr::jobs::{self, mail::MailJob, Job, Work};
use crate::ssr::repo::db_error;
use crate::ssr::scope::forum_category_visible;
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::forum::WatchTarget;
use crate::types::forum::{
    EmailPreference, NotificationKind, NotificationView, NotificationsPage, WatchLevel,
};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// Records a watch level unless the user already chose one (so replying
/// never un-mutes a topic).
pub async fn watch_if_unset(
    db: &impl ConnectionTrait,
    actor: &Actor,
    kind: WatchTarget,
    target_id: i64,
    level: WatchLevel,
) -> AppResult<()> {
    watch::Entity::insert(watch::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        user_id: Set(actor.user_id),
        target_kind: Set(kind),
        target_id: Set(target_id),
        level: Set(level),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            watch::Column::TenantId,
            watch::Column::UserId,
            watch::Column::TargetKind,
            watch::Column::TargetId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await
    .map(|_| ())
    .map_err(db_error)
}

/// Sets how much the actor hears about a topic or category.
pub async fn set_watch(
    state: &AppState,
    actor: &Actor,
    kind: &str,
    target_id: i64,
    level: &str,
) -> AppResult<()> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let kind = WatchTarget::parse(kind).ok_or(AppError::NotFound)?;
    match kind {
        WatchTarget::Topic => {
            access.topic(db, target_id).await?;
        }
        WatchTarget::Category => {
            access.category(target_id)?;
        }
    }
    let level = WatchLevel::parse(level).ok_or(AppError::NotFound)?;
    watch::Entity::delete_many()
        .filter(watch::Column::UserId.eq(actor.user_id))
        .filter(watch::Column::TargetKind.eq(kind))
        .filter(watch::Column::TargetId.eq(target_id))
        .exec(db)
        .await?;
    if level != WatchLevel::Normal {
        watch_if_unset(db, actor, kind, target_id, level).await?;
    }
    Ok(())
}

fn row(
    actor: &Actor,
    user_id: i64,
    kind: NotificationKind,
    t: &topic::Model,
    post_id: i64,
) -> notification::ActiveModel {
    notification::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        user_id: Set(user_id),
        kind: Set(kind),
        topic_id: Set(t.id),
        post_id: Set(post_id),
        actor_id: Set(actor.user_id),
        read_at: Set(None),
        created_at: Set(now()),
        ..Default::default()
    }
}

/// Stores one notification.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i64,
    kind: NotificationKind,
    t: &topic::Model,
    post_id: i64,
) -> AppResult<()> {
    Ok(
        notification::Entity::insert(row(actor, user_id, kind, t, post_id))
            .exec_without_returning(db)
            .await
            .map(|_| ())?,
    )
}

/// Users who may see the category, of those given.
async fn who_can_see(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    category_id: i64,
    users: Vec<user::Model>,
) -> AppResult<Vec<user::Model>> {
    let Some(cat) = in_tenant::<category::Entity>(tenant_id)
        .filter(category::Column::Id.eq(category_id))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let org_ids: Vec<i64> = users.iter().map(|u| u.organization_id).collect();
    let orgs: HashMap<i64, organization::Model> = in_tenant::<organization::Entity>(tenant_id)
        .filter(organization::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    Ok(users
        .into_iter()
        .filter(|u| {
            let org = orgs.get(&u.organization_id);
            u.active
                && forum_category_visible(
                    &cat,
                    u.role,
                    org.and_then(|o| o.tier.as_deref()),
                    org.and_then(|o| o.partner_type.as_deref()),
                )
        })
        .collect())
}

/// After a post becomes visible: notify the people it mentions and those
/// watching its topic or category (not those who muted it), in-app and by
/// e-mail (queued). Failures are logged; the post itself is already saved.
pub async fn after_post(
    state: &AppState,
    actor: &Actor,
    t: &topic::Model,
    p: &post::Model,
    mentioned: &[user::Model],
) {
    if let Err(err) = fan_out(state, actor, t, p, mentioned).await {
        tracing::error!(error = %err, post_id = p.id, "forum notifications failed");
    }
}

async fn fan_out(
    state: &AppState,
    actor: &Actor,
    t: &topic::Model,
    p: &post::Model,
    mentioned: &[user::Model],
) -> AppResult<()> {
    let db = &state.db;
    let mention_ids: HashSet<i64> = mentioned.iter().map(|u| u.id).collect();
    let watchers = watchers(db, actor, t, &mention_ids).await?;
    let mentioned = who_can_see(db, actor.tenant_id, t.category_id, mentioned.to_vec()).await?;
    let watchers = who_can_see(db, actor.tenant_id, t.category_id, watchers).await?;
    let batches = [
        (mentioned, NotificationKind::Mention),
        (watchers, NotificationKind::Reply),
    ];
    // One insert for everyone notified.
    let rows: Vec<notification::ActiveModel> = batches
        .iter()
        .flat_map(|(users, kind)| users.iter().map(|u| row(actor, u.id, *kind, t, p.id)))
        .collect();
    if !rows.is_empty() {
        notification::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    // E-mails go through the durable queue: retried if the mail server is
    // away, and not lost if the server stops.
    let mails = batches
        .iter()
        .flat_map(|(users, kind)| users.iter().map(move |u| (u, *kind)))
        .filter(|(u, kind)| wants_mail(u, *kind))
        .map(|(u, kind)| mail(state, actor, t, p, u, kind))
        .collect();
    jobs::enqueue(db, mails).await?;
    Ok(())
}

/// Users watching the topic, or its category without a topic-level choice,
/// other than the author and those mentioned (who hear of it as a mention).
async fn watchers(
    db: &impl ConnectionTrait,
    actor: &Actor,
    t: &topic::Model,
    mentioned: &HashSet<i64>,
) -> AppResult<Vec<user::Model>> {
    let on = |kind: WatchTarget, id: i64| {
        sea_orm::Condition::all()
            .add(watch::Column::TargetKind.eq(kind))
            .add(watch::Column::TargetId.eq(id))
    };
    let watches = in_tenant::<watch::Entity>(actor.tenant_id)
        .filter(
            sea_orm::Condition::any()
                .add(on(WatchTarget::Topic, t.id))
                .add(on(WatchTarget::Category, t.category_id)),
        )
        .all(db)
        .await?;
    // A topic-level choice wins over the category's.
    let mut level: HashMap<i64, (bool, WatchLevel)> = HashMap::new();
    for w in watches {
        let is_topic = w.target_kind == WatchTarget::Topic;
        let entry = level.entry(w.user_id).or_insert((is_topic, w.level));
        if is_topic {
            *entry = (true, w.level);
        }
    }
    let ids: Vec<i64> = level
        .iter()
        .filter(|(uid, (_, l))| {
            *l == WatchLevel::Watch && **uid != actor.user_id && !mentioned.contains(uid)
        })
        .map(|(uid, _)| *uid)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(in_tenant::<user::Entity>(actor.tenant_id)
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?)
}

fn wants_mail(u: &user::Model, kind: NotificationKind) -> bool {
    match u.forum_email {
        EmailPreference::All => true,
        EmailPreference::Mentions => kind == NotificationKind::Mention,
        EmailPreference::Never => false,
    }
}

fn mail(
    state: &AppState,
    actor: &Actor,
    t: &topic::Model,
    p: &post::Model,
    to: &user::Model,
    kind: NotificationKind,
) -> Job {
    let base = state.config.base_url.trim_end_matches('/');
    let link = format!("{base}/forum/topics/{}#post-{}", t.id, p.id);
    let text = excerpt(&p.search_body, 400);
    // In the recipient's language.
    let lang = to.language().unwrap_or_default();
    let subject = kind.sentence_in(lang, &actor.name, &t.title);
    let settings = format!("{base}/forum/notifications");
    let body = crate::tr_in!(
        lang,
        mail.forum_body,
        sentence = &subject,
        text,
        link,
        settings
    )
    .to_string();
    Job::now(
        Some(actor.tenant_id),
        Work::Mail(MailJob::new(&to.email, &subject, body)),
    )
}

pub async fn unread_count(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<u64> {
    Ok(in_tenant::<notification::Entity>(actor.tenant_id)
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// The newest 50 notifications, about topics the actor may still see.
pub async fn page(state: &AppState, actor: &Actor) -> AppResult<NotificationsPage> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let rows = in_tenant::<notification::Entity>(actor.tenant_id)
        .filter(notification::Column::UserId.eq(actor.user_id))
        .order_by_desc(notification::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let topic_ids: Vec<i64> = rows.iter().map(|n| n.topic_id).collect();
    let topics: HashMap<i64, topic::Model> = in_tenant::<topic::Entity>(actor.tenant_id)
        .filter(topic::Column::Id.is_in(topic_ids))
        .filter(topic::Column::CategoryId.is_in(access.category_ids()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let people = super::authors(
        db,
        actor.tenant_id,
        rows.iter().map(|n| n.actor_id).collect(),
    )
    .await?;
    let me = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(NotificationsPage {
        unread: unread_count(db, actor).await?,
        email: me.forum_email,
        items: rows
            .into_iter()
            .filter_map(|n| {
                let t = topics.get(&n.topic_id)?;
                Some(NotificationView {
                    id: n.id,
                    kind: n.kind,
                    actor_name: people
                        .get(&n.actor_id)
                        .map(|a| a.name.clone())
                        .unwrap_or_default(),
                    topic_title: t.title.clone(),
                    href: format!("/forum/topics/{}?n={}#post-{}", t.id, n.id, n.post_id),
                    created_at: actor.time(n.created_at),
                    unread: n.read_at.is_none(),
                })
            })
            .collect(),
    })
}

/// Marks one notification (or all, with None) read.
pub async fn mark_read(state: &AppState, actor: &Actor, id: Option<i64>) -> AppResult<()> {
    let mut q = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now())))
        .filter(tenant_is::<notification::Entity>(actor.tenant_id))
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = id {
        q = q.filter(notification::Column::Id.eq(id));
    }
    q.exec(&state.db).await.map(|_| ()).map_err(db_error)
}

pub async fn set_email(state: &AppState, actor: &Actor, pref: &str) -> AppResult<()> {
    let pref = EmailPreference::parse(pref)
        .ok_or_else(|| AppError::invalid("email", tr!(forum.choose_emails)))?;
    Ok(user::Entity::update_many()
        .col_expr(user::Column::ForumEmail, Expr::value(pref))
        .filter(tenant_is::<user::Entity>(actor.tenant_id))
        .filter(user::Column::Id.eq(actor.user_id))
        .exec(&state.db)
        .await
        .map(|_| ())?)
}
