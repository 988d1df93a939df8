//! What the forum tells its members (@mentions, replies in watched
//! topics and categories, accepted answers, approvals), through the
//! portal's notification model; watching and muting.

use super::Access;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{
    forum_category as category, forum_post as post, forum_topic as topic, forum_watch as watch,
    organization, user,
};
use crate::ssr::forum::markdown::excerpt;
use crate::ssr::repo::db_error;
use crate::ssr::scope::forum_category_visible;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::notifications::{self, Notice, Recipient};
use crate::ssr::{Actor, AppState};
use crate::types::forum::{WatchLevel, WatchTarget};
use crate::types::notification::{Details, NotificationKind};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
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

fn notice(
    actor: &Actor,
    to: &user::Model,
    kind: NotificationKind,
    t: &topic::Model,
    p: &post::Model,
) -> Notice {
    Notice {
        to: Recipient::from(to),
        kind,
        subject_id: Some(t.id),
        details: Details::Forum {
            who: actor.name.clone(),
            topic: t.title.clone(),
            excerpt: excerpt(&p.search_body, 400),
        },
        link: format!("/forum/topics/{}#post-{}", t.id, p.id),
    }
}

/// Tells one member about one post (their answer accepted, their post
/// approved).
pub async fn record(
    state: &AppState,
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i64,
    kind: NotificationKind,
    t: &topic::Model,
    p: &post::Model,
) -> AppResult<()> {
    let Some(to) = in_tenant::<user::Entity>(actor.tenant_id)
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let n = notice(actor, &to, kind, t, p);
    notifications::deliver(db, &state.config.base_url, actor.tenant_id, vec![n]).await?;
    Ok(())
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
    let notices = mentioned
        .iter()
        .map(|u| notice(actor, u, NotificationKind::ForumMention, t, p))
        .chain(
            watchers
                .iter()
                .map(|u| notice(actor, u, NotificationKind::ForumReply, t, p)),
        )
        .collect();
    notifications::deliver(db, &state.config.base_url, actor.tenant_id, notices).await?;
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
