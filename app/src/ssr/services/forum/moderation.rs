//! Moderation: the queue of flagged and waiting posts, hiding and restoring,
//! approving first posts, pinning and locking topics, suspending members,
//! and the tenant's approval setting.

use super::posts::{bump, set_topic_status, Draft};
use super::{authors, Access};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{
    forum_flag as flag, forum_post as post, forum_suspension as suspension, forum_topic as topic,
    tenant, user,
};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, db_error};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::forum::{
    FlagOutcome, FlagView, ModerationPage, PostAction, PostStatus, QueuedPost, SuspensionView,
    TopicAction,
};
use crate::types::notification::NotificationKind;
use crate::types::Choice;
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

fn require(access: &Access<'_>) -> AppResult<()> {
    if access.moderator() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn page(state: &AppState, actor: &Actor) -> AppResult<ModerationPage> {
    let db = &state.db;
    require(&Access::load(db, actor).await?)?;
    let queue = Queue::load(db, actor).await?;
    let names = queue.names(db, actor).await?;
    let view = |posts: &[post::Model]| {
        posts
            .iter()
            .map(|p| queued_post(p, &queue.flags, &names, actor))
            .collect()
    };
    let approve_first_posts = tenant::Entity::find_by_id(actor.tenant_id)
        .one(db)
        .await?
        .is_some_and(|t| t.forum_approve_first_posts);
    Ok(ModerationPage {
        flagged: view(&queue.flagged),
        pending: view(&queue.pending),
        hidden: view(&queue.hidden),
        suspensions: queue
            .suspensions
            .iter()
            .map(|s| SuspensionView {
                user_id: s.user_id,
                user_name: names.person(s.user_id),
                until: actor.date(s.until),
                reason: s.reason.clone(),
            })
            .collect(),
        approve_first_posts,
    })
}

/// What waits for a moderator: open flags and the posts they are on,
/// posts awaiting approval, hidden posts, current suspensions.
struct Queue {
    flags: Vec<flag::Model>,
    flagged: Vec<post::Model>,
    pending: Vec<post::Model>,
    hidden: Vec<post::Model>,
    suspensions: Vec<suspension::Model>,
}

impl Queue {
    async fn load(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<Self> {
        let flags = in_tenant::<flag::Entity>(actor.tenant_id)
            .filter(flag::Column::ResolvedAt.is_null())
            .order_by_asc(flag::Column::Id)
            .limit(200)
            .all(db)
            .await?;
        let posts = |status: Option<PostStatus>, ids: Option<Vec<i64>>| {
            let mut q = in_tenant::<post::Entity>(actor.tenant_id);
            if let Some(s) = status {
                q = q.filter(post::Column::Status.eq(s));
            }
            if let Some(ids) = ids {
                q = q.filter(post::Column::Id.is_in(ids));
            }
            q.order_by_desc(post::Column::Id).limit(100).all(db)
        };
        let flagged = posts(None, Some(flags.iter().map(|f| f.post_id).collect())).await?;
        let pending = posts(Some(PostStatus::Pending), None).await?;
        let hidden = posts(Some(PostStatus::Hidden), None).await?;
        let suspensions = in_tenant::<suspension::Entity>(actor.tenant_id)
            .filter(suspension::Column::Until.gt(now()))
            .order_by_asc(suspension::Column::Until)
            .all(db)
            .await?;
        Ok(Queue {
            flags,
            flagged,
            pending,
            hidden,
            suspensions,
        })
    }

    fn posts(&self) -> impl Iterator<Item = &post::Model> {
        self.flagged.iter().chain(&self.pending).chain(&self.hidden)
    }

    /// The people and topic titles the queue mentions.
    async fn names(&self, db: &impl ConnectionTrait, actor: &Actor) -> AppResult<Names> {
        let mut people_ids: Vec<i64> = self.flags.iter().map(|f| f.user_id).collect();
        people_ids.extend(self.posts().map(|p| p.author_id));
        people_ids.extend(self.suspensions.iter().map(|s| s.user_id));
        let people = authors(db, actor.tenant_id, people_ids).await?;
        let titles: HashMap<i64, String> = topic::Entity::find()
            .select_only()
            .column(topic::Column::Id)
            .column(topic::Column::Title)
            .filter(tenant_is::<topic::Entity>(actor.tenant_id))
            .filter(topic::Column::Id.is_in(self.posts().map(|p| p.topic_id).collect::<Vec<_>>()))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Names { people, titles })
    }
}

struct Names {
    people: HashMap<i64, super::Author>,
    titles: HashMap<i64, String>,
}

impl Names {
    fn person(&self, id: i64) -> String {
        self.people
            .get(&id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    }
}

fn queued_post(p: &post::Model, flags: &[flag::Model], names: &Names, actor: &Actor) -> QueuedPost {
    QueuedPost {
        post_id: p.id,
        topic_id: p.topic_id,
        topic_title: names.titles.get(&p.topic_id).cloned().unwrap_or_default(),
        author_id: p.author_id,
        author_name: names.person(p.author_id),
        body_html: p.body_html.clone(),
        status: p.status,
        is_first: p.is_first,
        flags: flags
            .iter()
            .filter(|f| f.post_id == p.id)
            .map(|f| FlagView {
                reason: f.reason,
                note: f.note.clone(),
                by: names.person(f.user_id),
                at: actor.time(f.created_at),
            })
            .collect(),
        created_at: actor.time(p.created_at),
    }
}

async fn resolve_flags(
    db: &impl ConnectionTrait,
    actor: &Actor,
    post_id: i64,
    outcome: FlagOutcome,
) -> AppResult<()> {
    Ok(flag::Entity::update_many()
        .col_expr(flag::Column::ResolvedAt, Expr::value(Some(now())))
        .col_expr(flag::Column::ResolvedBy, Expr::value(Some(actor.user_id)))
        .col_expr(flag::Column::Outcome, Expr::value(Some(outcome)))
        .filter(flag::Column::PostId.eq(post_id))
        .filter(flag::Column::ResolvedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())?)
}

async fn set_status(db: &impl ConnectionTrait, id: i64, status: PostStatus) -> AppResult<()> {
    Ok(post::Entity::update_many()
        .col_expr(post::Column::Status, Expr::value(status))
        .filter(post::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())?)
}

/// Hides, restores, approves or rejects (a waiting post) a post, or
/// dismisses its flags. Returns the topic id.
pub async fn act_on_post(
    state: &AppState,
    actor: &Actor,
    post_id: i64,
    action: &Choice<PostAction>,
) -> AppResult<i64> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    require(&access)?;
    let (p, t) = access.post(db, post_id).await?;
    let status = p.status;
    let txn = begin_write(db).await?;
    let mut approved = false;
    match (action.known(), status) {
        (Some(PostAction::Hide), PostStatus::Published | PostStatus::Pending) => {
            set_status(&txn, p.id, PostStatus::Hidden).await?;
            resolve_flags(&txn, actor, p.id, FlagOutcome::Hidden).await?;
        }
        (Some(PostAction::Restore), PostStatus::Hidden) => {
            set_status(&txn, p.id, PostStatus::Published).await?;
        }
        (Some(PostAction::Dismiss), _) => {
            resolve_flags(&txn, actor, p.id, FlagOutcome::Kept).await?
        }
        (Some(PostAction::Approve), PostStatus::Pending) => {
            set_status(&txn, p.id, PostStatus::Published).await?;
            if p.is_first {
                set_topic_status(&txn, t.id, PostStatus::Published).await?;
            } else {
                bump(&txn, t.id, &p).await?;
            }
            approved = true;
        }
        (Some(PostAction::Reject), PostStatus::Pending) => {
            set_status(&txn, p.id, PostStatus::Deleted).await?;
            if p.is_first {
                set_topic_status(&txn, t.id, PostStatus::Deleted).await?;
            }
        }
        _ => {
            return Err(AppError::Conflict(
                tr!(forum.action_not_for, status = status.label()).to_string(),
            ))
        }
    }
    txn.commit().await?;
    if approved {
        super::notify::record(
            state,
            db,
            actor,
            p.author_id,
            NotificationKind::ForumApproved,
            &t,
            &p,
        )
        .await?;
        // Mentions and watchers hear about it now that it is visible.
        let author = user::Entity::find_by_id(p.author_id).one(db).await?;
        if let Some(author) = author {
            let as_author = Actor {
                user_id: author.id,
                name: author.name.clone(),
                ..actor.clone()
            };
            let draft = Draft::prepare(db, &as_author, &p.body_md, None).await?;
            super::notify::after_post(state, &as_author, &t, &p, &draft.mentioned).await;
        }
    }
    Ok(t.id)
}

/// pin, unpin, lock, unlock.
pub async fn act_on_topic(
    state: &AppState,
    actor: &Actor,
    topic_id: i64,
    action: &Choice<TopicAction>,
) -> AppResult<()> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    require(&access)?;
    let t = access.topic(db, topic_id).await?;
    let mut m: topic::ActiveModel = t.into();
    match action.known() {
        Some(TopicAction::Pin) => m.pinned = Set(true),
        Some(TopicAction::Unpin) => m.pinned = Set(false),
        Some(TopicAction::Lock) => m.locked = Set(true),
        Some(TopicAction::Unlock) => m.locked = Set(false),
        None => return Err(AppError::NotFound),
    }
    m.update(db).await.map(|_| ()).map_err(db_error)
}

/// Bars a member from posting for `days` (0 lifts a suspension).
pub async fn suspend(
    state: &AppState,
    actor: &Actor,
    user_id: i64,
    days: i64,
    reason: &str,
) -> AppResult<()> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    require(&access)?;
    let target = in_tenant::<user::Entity>(actor.tenant_id)
        .filter(user::Column::Id.eq(user_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if target.id == actor.user_id {
        return Err(AppError::Conflict(tr!(forum.not_yourself).into()));
    }
    if !actor.may(Permission::to_suspend(target.role)) {
        return Err(AppError::Forbidden);
    }
    if days == 0 {
        return suspension::Entity::update_many()
            .col_expr(suspension::Column::Until, Expr::value(now()))
            .filter(tenant_is::<suspension::Entity>(actor.tenant_id))
            .filter(suspension::Column::UserId.eq(target.id))
            .filter(suspension::Column::Until.gt(now()))
            .exec(db)
            .await
            .map(|_| ())
            .map_err(db_error);
    }
    if !(1..=365).contains(&days) {
        return Err(AppError::invalid("days", tr!(forum.suspend_days)));
    }
    if reason.trim().is_empty() {
        return Err(AppError::invalid("reason", tr!(forum.suspend_why)));
    }
    suspension::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        user_id: Set(target.id),
        until: Set(now() + Duration::days(days)),
        reason: Set(reason.trim().to_owned()),
        created_by: Set(actor.user_id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
    .map_err(db_error)
}

pub async fn set_approve_first_posts(state: &AppState, actor: &Actor, on: bool) -> AppResult<()> {
    actor.require(Permission::ConfigureForum)?;
    Ok(tenant::Entity::update_many()
        .col_expr(tenant::Column::ForumApproveFirstPosts, Expr::value(on))
        .filter(tenant::Column::Id.eq(actor.tenant_id))
        .exec(&state.db)
        .await
        .map(|_| ())?)
}
