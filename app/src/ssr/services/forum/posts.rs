//! Posts: replying, editing with history, deleting, likes, accepted answers
//! and flags, and the views a topic page shows.

use super::{authors, Access};
use crate::error::{AppError, AppResult};
use crate::forum::mention;
use crate::ssr::entities::{
    forum_flag as flag, forum_like as like, forum_post as post, forum_post_revision as revision,
    forum_topic as topic, tenant, user,
};
use crate::ssr::forum::markdown;
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, users};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::forum::WatchTarget;
use crate::types::forum::{
    FlagReason, PostEdit, PostHistory, PostStatus, PostView, RevisionView, WatchLevel, MAX_BODY,
};
use crate::types::{Choice, FormErrors};
use chrono::Duration;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, UnionType};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use std::collections::HashSet;

/// Posts a member may write in [`RATE_WINDOW_MINUTES`]; moderators are exempt.
const RATE_POSTS: u64 = 10;
const RATE_WINDOW_MINUTES: i64 = 5;

pub(super) fn check_body(errors: &mut FormErrors, body: &str) {
    let len = body.chars().count();
    if body.trim().chars().count() < 2 {
        errors.add("body", tr!(forum.write_first));
    } else if len > MAX_BODY {
        errors.add(
            "body",
            tr!(forum.body_long, max = MAX_BODY, len).to_string(),
        );
    }
}

/// Refuses a burst of posts (spam, a stuck client).
pub(super) async fn check_rate(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<()> {
    if actor.may(Permission::ModerateForum) {
        return Ok(());
    }
    let recent = in_tenant::<post::Entity>(actor.tenant_id)
        .filter(post::Column::AuthorId.eq(actor.user_id))
        .filter(post::Column::CreatedAt.gt(now() - Duration::minutes(RATE_WINDOW_MINUTES)))
        .count(db)
        .await?;
    if recent >= RATE_POSTS {
        return Err(AppError::RateLimited(RATE_WINDOW_MINUTES as u32));
    }
    Ok(())
}

/// New members' first post waits for a moderator when the tenant asks so.
pub(super) async fn initial_status(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> AppResult<PostStatus> {
    if actor.role.is_vendor_staff() {
        return Ok(PostStatus::Published);
    }
    let approve_first = tenant::Entity::find_by_id(actor.tenant_id)
        .one(db)
        .await?
        .is_some_and(|t| t.forum_approve_first_posts);
    if !approve_first {
        return Ok(PostStatus::Published);
    }
    let published = in_tenant::<post::Entity>(actor.tenant_id)
        .filter(post::Column::AuthorId.eq(actor.user_id))
        .filter(post::Column::Status.eq(PostStatus::Published))
        .count(db)
        .await?;
    Ok(if published == 0 {
        PostStatus::Pending
    } else {
        PostStatus::Published
    })
}

/// A body rendered and its mentions resolved, ready to store.
pub struct Draft {
    pub body_md: String,
    pub rendered: markdown::Rendered,
    pub search_title: String,
    /// Users mentioned (existing, active, not the writer).
    pub mentioned: Vec<user::Model>,
}

impl Draft {
    pub async fn prepare(
        db: &impl ConnectionTrait,
        actor: &Actor,
        body: &str,
        title: Option<&str>,
    ) -> AppResult<Self> {
        let body_md = body.replace("\r\n", "\n");
        let mentioned: Vec<user::Model> =
            users::by_handles(db, actor.tenant_id, mention::find(&body_md)).await?;
        let known: HashSet<String> = mentioned.iter().map(|u| u.handle.clone()).collect();
        let rendered = markdown::render(&body_md, &known);
        Ok(Self {
            body_md,
            rendered,
            search_title: title.unwrap_or_default().to_owned(),
            mentioned: mentioned
                .into_iter()
                .filter(|u| u.id != actor.user_id)
                .collect(),
        })
    }

    pub async fn insert(
        &self,
        db: &impl ConnectionTrait,
        actor: &Actor,
        topic_id: i64,
        is_first: bool,
        status: PostStatus,
    ) -> AppResult<post::Model> {
        let p = post::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            topic_id: Set(topic_id),
            author_id: Set(actor.user_id),
            is_first: Set(is_first),
            body_md: Set(self.body_md.clone()),
            body_html: Set(self.rendered.html.clone()),
            search_title: Set(self.search_title.clone()),
            search_body: Set(self.rendered.text.clone()),
            status: Set(status),
            like_count: Set(0),
            edit_count: Set(0),
            version: Set(1),
            edited_at: Set(None),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        super::attachments::link(db, actor.tenant_id, p.id, &p.body_html).await?;
        Ok(p)
    }
}

pub(super) async fn set_topic_status(
    db: &impl ConnectionTrait,
    topic_id: i64,
    status: PostStatus,
) -> AppResult<()> {
    Ok(topic::Entity::update_many()
        .col_expr(topic::Column::Status, Expr::value(status))
        .filter(topic::Column::Id.eq(topic_id))
        .exec(db)
        .await
        .map(|_| ())?)
}

/// Moves a topic's activity marker to a newly visible reply.
pub async fn bump(db: &impl ConnectionTrait, topic_id: i64, p: &post::Model) -> AppResult<()> {
    Ok(topic::Entity::update_many()
        .col_expr(topic::Column::LastPostId, Expr::value(p.id))
        .col_expr(topic::Column::LastPostAt, Expr::value(p.created_at))
        .col_expr(
            topic::Column::ReplyCount,
            Expr::col(topic::Column::ReplyCount).add(1),
        )
        .filter(topic::Column::Id.eq(topic_id))
        .exec(db)
        .await
        .map(|_| ())?)
}

/// Adds a reply; returns its id and the page cursor that shows it.
pub async fn reply(
    state: &AppState,
    actor: &Actor,
    topic_id: i64,
    body: &str,
) -> AppResult<(i64, Option<i64>)> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let t = access.topic(db, topic_id).await?;
    super::ensure_not_suspended(db, actor).await?;
    if t.status != PostStatus::Published {
        return Err(AppError::Conflict(tr!(forum.replies_after_approval).into()));
    }
    if t.locked && !access.moderator() {
        return Err(AppError::Conflict(tr!(forum.locked_no_replies).into()));
    }
    let mut errors = FormErrors::new().with_values(&[("body", body)]);
    check_body(&mut errors, body);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    check_rate(db, actor).await?;
    let status = initial_status(db, actor).await?;
    let txn = begin_write(db).await?;
    let draft = Draft::prepare(&txn, actor, body, None).await?;
    let p = draft.insert(&txn, actor, t.id, false, status).await?;
    if status == PostStatus::Published {
        bump(&txn, t.id, &p).await?;
    }
    super::notify::watch_if_unset(&txn, actor, WatchTarget::Topic, t.id, WatchLevel::Watch).await?;
    txn.commit().await?;
    if status == PostStatus::Published {
        super::notify::after_post(state, actor, &t, &p, &draft.mentioned).await;
    }
    Ok((p.id, super::topics::anchor(db, &access, t.id, p.id).await?))
}

/// Views of posts for the actor: author, likes and flags by the actor, what
/// they may do. Deleted posts keep their place but not their words.
pub async fn views(
    db: &impl ConnectionTrait,
    access: &Access<'_>,
    t: &topic::Model,
    posts: Vec<post::Model>,
) -> AppResult<Vec<PostView>> {
    let actor = access.actor;
    let ids: Vec<i64> = posts.iter().map(|p| p.id).collect();
    let (liked, flagged) = marks(db, actor.user_id, ids).await?;
    let people = authors(
        db,
        actor.tenant_id,
        posts.iter().map(|p| p.author_id).collect(),
    )
    .await?;
    // Takes the rows so each post's HTML moves into its view: a topic page
    // carries 50 of them.
    Ok(posts
        .into_iter()
        .map(|p| {
            let author = people.get(&p.author_id).cloned().unwrap_or_default();
            let status = p.status;
            let deleted = status == PostStatus::Deleted;
            let mine = p.author_id == actor.user_id;
            PostView {
                id: p.id,
                author_id: p.author_id,
                author_name: author.name,
                author_handle: author.handle,
                author_org: author.org,
                author_is_staff: author.staff,
                is_first: p.is_first,
                body_html: if deleted { String::new() } else { p.body_html },
                status,
                created_at: actor.time(p.created_at),
                edited: p.edit_count > 0,
                like_count: p.like_count,
                liked_by_me: liked.contains(&p.id),
                flagged_by_me: flagged.contains(&p.id),
                version: p.version,
                can_edit: !deleted
                    && t.status != PostStatus::Deleted
                    && (access.moderator() || (mine && !t.locked)),
                can_like: !deleted && !mine && status == PostStatus::Published,
            }
        })
        .collect())
}

/// Which of `ids` the user has liked, and which flagged, in one query.
async fn marks(
    db: &impl ConnectionTrait,
    user_id: i64,
    ids: Vec<i64>,
) -> AppResult<(HashSet<i64>, HashSet<i64>)> {
    let (mut liked, mut flagged) = (HashSet::new(), HashSet::new());
    if ids.is_empty() {
        return Ok((liked, flagged));
    }
    let likes = Query::select()
        .column(like::Column::PostId)
        .expr_as(Expr::cust("0"), Alias::new("flag"))
        .from(like::Entity)
        .and_where(Expr::col(like::Column::UserId).eq(user_id))
        .and_where(Expr::col(like::Column::PostId).is_in(ids.clone()))
        .to_owned();
    let flags = Query::select()
        .column(flag::Column::PostId)
        .expr_as(Expr::cust("1"), Alias::new("flag"))
        .from(flag::Entity)
        .and_where(Expr::col(flag::Column::UserId).eq(user_id))
        .and_where(Expr::col(flag::Column::PostId).is_in(ids))
        .to_owned();
    let mut stmt = likes;
    stmt.union(UnionType::All, flags);
    for row in db.query_all(&stmt).await? {
        let post: i64 = row.try_get_by_index(0)?;
        let is_flag: i32 = row.try_get_by_index(1)?;
        if is_flag == 1 {
            flagged.insert(post)
        } else {
            liked.insert(post)
        };
    }
    Ok((liked, flagged))
}

/// Markdown quote of a post, attributed to its author.
pub fn quote_of(handle: &str, body_md: &str) -> String {
    let quoted: Vec<String> = body_md.lines().map(|l| format!("> {l}")).collect();
    format!("@{handle} wrote:\n{}\n\n", quoted.join("\n"))
}

/// A post the actor can see, as a quote to start a reply with.
pub async fn quote(state: &AppState, actor: &Actor, post_id: i64) -> AppResult<String> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let (p, _) = access.post(db, post_id).await?;
    if p.status == PostStatus::Deleted {
        return Err(AppError::NotFound);
    }
    let handle = authors(db, actor.tenant_id, vec![p.author_id])
        .await?
        .remove(&p.author_id)
        .unwrap_or_default()
        .handle;
    Ok(quote_of(&handle, &p.body_md))
}

/// The post for a write by its author or a moderator.
async fn editable(
    db: &impl ConnectionTrait,
    access: &Access<'_>,
    post_id: i64,
) -> AppResult<(post::Model, topic::Model)> {
    let (p, t) = access.post(db, post_id).await?;
    if p.status == PostStatus::Deleted {
        return Err(AppError::Conflict(tr!(forum.deleted_post).into()));
    }
    let mine = p.author_id == access.actor.user_id;
    if !(access.moderator() || (mine && !t.locked)) {
        return Err(AppError::Forbidden);
    }
    if !access.moderator() {
        super::ensure_not_suspended(db, access.actor).await?;
    }
    Ok((p, t))
}

pub struct Edit {
    pub post_id: i64,
    pub version: i32,
    pub body: String,
    /// Title and tags, for the first post of a topic.
    pub title: Option<String>,
    pub tags: Option<String>,
}

/// Saves an edit, keeping the previous text in the history. A stale version
/// (someone else edited meanwhile) is refused, nothing is overwritten.
pub async fn edit(state: &AppState, actor: &Actor, input: Edit) -> AppResult<()> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let (p, t) = editable(db, &access, input.post_id).await?;
    let mut errors = FormErrors::new().with_values(&[("body", &input.body)]);
    check_body(&mut errors, &input.body);
    let title = match (&input.title, p.is_first) {
        (Some(raw), true) => {
            errors.keep("title", raw);
            Some(super::topics::check_title(&mut errors, raw))
        }
        _ => None,
    };
    let tags = match (&input.tags, p.is_first) {
        (Some(raw), true) => {
            errors.keep("tags", raw);
            Some(super::topics::check_tags(&mut errors, raw))
        }
        _ => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = begin_write(db).await?;
    let draft = Draft::prepare(
        &txn,
        actor,
        &input.body,
        title.as_deref().or(Some(&t.title)).filter(|_| p.is_first),
    )
    .await?;
    store_edit(&txn, &p, input.version, &draft).await?;
    super::attachments::link(&txn, actor.tenant_id, p.id, &draft.rendered.html).await?;
    keep_revision(&txn, actor, &p, &t).await?;
    if p.is_first {
        let mut m: topic::ActiveModel = t.clone().into();
        if let Some(title) = title {
            m.title = Set(title);
        }
        if let Some(tags) = tags {
            m.tags = Set(tags);
        }
        m.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Writes the edited text over the version the author saw, or fails as
/// stale (the form keeps the text).
async fn store_edit(
    txn: &DatabaseTransaction,
    p: &post::Model,
    seen_version: i32,
    draft: &Draft,
) -> AppResult<()> {
    let updated = post::Entity::update_many()
        .col_expr(post::Column::BodyMd, Expr::value(draft.body_md.clone()))
        .col_expr(
            post::Column::BodyHtml,
            Expr::value(draft.rendered.html.clone()),
        )
        .col_expr(
            post::Column::SearchTitle,
            Expr::value(draft.search_title.clone()),
        )
        .col_expr(
            post::Column::SearchBody,
            Expr::value(draft.rendered.text.clone()),
        )
        .col_expr(post::Column::Version, Expr::value(p.version + 1))
        .col_expr(post::Column::EditCount, Expr::value(p.edit_count + 1))
        .col_expr(post::Column::EditedAt, Expr::value(Some(now())))
        .filter(post::Column::Id.eq(p.id))
        .filter(post::Column::Version.eq(seen_version))
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::Conflict(tr!(forum.post_stale).into()));
    }
    Ok(())
}

/// The text before the edit, kept in the post's history.
async fn keep_revision(
    txn: &DatabaseTransaction,
    actor: &Actor,
    p: &post::Model,
    t: &topic::Model,
) -> AppResult<()> {
    revision::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        post_id: Set(p.id),
        body_md: Set(p.body_md.clone()),
        title: Set(p.is_first.then(|| t.title.clone())),
        editor_id: Set(actor.user_id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Soft-deletes a post (its first post deletes the topic). Returns the
/// topic id, or None when the whole topic went.
pub async fn delete(state: &AppState, actor: &Actor, post_id: i64) -> AppResult<Option<i64>> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let (p, t) = editable(db, &access, post_id).await?;
    let txn = begin_write(db).await?;
    post::Entity::update_many()
        .col_expr(post::Column::Status, Expr::value(PostStatus::Deleted))
        .filter(post::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    if p.is_first {
        set_topic_status(&txn, t.id, PostStatus::Deleted).await?;
    } else {
        if p.status == PostStatus::Published {
            topic::Entity::update_many()
                .col_expr(
                    topic::Column::ReplyCount,
                    Expr::col(topic::Column::ReplyCount).sub(1),
                )
                .filter(topic::Column::Id.eq(t.id))
                .exec(&txn)
                .await?;
        }
        if t.accepted_post_id == Some(p.id) {
            topic::Entity::update_many()
                .col_expr(topic::Column::AcceptedPostId, Expr::value(None::<i64>))
                .filter(topic::Column::Id.eq(t.id))
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok((!p.is_first).then_some(t.id))
}

/// Likes a post, or takes the like back. Returns the topic id.
pub async fn toggle_like(state: &AppState, actor: &Actor, post_id: i64) -> AppResult<i64> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let (p, t) = access.post(db, post_id).await?;
    if p.author_id == actor.user_id {
        return Err(AppError::Conflict(tr!(forum.no_own_like).into()));
    }
    if p.status != PostStatus::Published {
        return Err(AppError::Conflict(tr!(forum.only_published_liked).into()));
    }
    let txn = begin_write(db).await?;
    let removed = like::Entity::delete_many()
        .filter(like::Column::PostId.eq(p.id))
        .filter(like::Column::UserId.eq(actor.user_id))
        .exec(&txn)
        .await?
        .rows_affected;
    let delta = if removed > 0 {
        -1
    } else {
        // A second tap racing the first (PostgreSQL runs both at once) finds
        // the like already there: it stays liked, counted once.
        let added = like::Entity::insert(like::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            post_id: Set(p.id),
            user_id: Set(actor.user_id),
            created_at: Set(now()),
            ..Default::default()
        })
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                like::Column::TenantId,
                like::Column::PostId,
                like::Column::UserId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        added as i64
    };
    post::Entity::update_many()
        .col_expr(
            post::Column::LikeCount,
            Expr::col(post::Column::LikeCount).add(delta),
        )
        .filter(post::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(t.id)
}

/// Marks a reply as the accepted answer (`post_id` None clears it). The
/// asker and moderators may.
pub async fn accept(
    state: &AppState,
    actor: &Actor,
    topic_id: i64,
    post_id: Option<i64>,
) -> AppResult<()> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let t = access.topic(db, topic_id).await?;
    if !(t.author_id == actor.user_id || access.moderator()) {
        return Err(AppError::Forbidden);
    }
    let answer = match post_id {
        Some(pid) => {
            let (p, pt) = access.post(db, pid).await?;
            if pt.id != t.id || p.is_first || p.status != PostStatus::Published {
                return Err(AppError::Conflict(tr!(forum.answer_rule).into()));
            }
            Some(p)
        }
        None => None,
    };
    topic::Entity::update_many()
        .col_expr(
            topic::Column::AcceptedPostId,
            Expr::value(answer.as_ref().map(|p| p.id)),
        )
        .filter(topic::Column::Id.eq(t.id))
        .exec(db)
        .await?;
    if let Some(p) = answer {
        if p.author_id != actor.user_id {
            super::notify::record(
                state,
                db,
                actor,
                p.author_id,
                crate::types::notification::NotificationKind::ForumAccepted,
                &t,
                &p,
            )
            .await?;
        }
    }
    Ok(())
}

/// Reports a post to the moderators, once per member.
pub async fn flag(
    state: &AppState,
    actor: &Actor,
    post_id: i64,
    reason: &Choice<FlagReason>,
    note: &str,
) -> AppResult<i64> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let (p, t) = access.post(db, post_id).await?;
    let Some(reason) = reason.known() else {
        return Err(AppError::invalid("reason", tr!(forum.choose_flag_reason)));
    };
    if reason == FlagReason::Other && note.trim().is_empty() {
        let mut errors = FormErrors::new().with_values(&[("note", note)]);
        errors.add("note", tr!(forum.flag_note_needed));
        return Err(AppError::Invalid(errors));
    }
    if note.chars().count() > 500 {
        return Err(AppError::invalid("note", tr!(forum.flag_note_long)));
    }
    if p.author_id == actor.user_id {
        return Err(AppError::Conflict(tr!(forum.no_own_flag).into()));
    }
    let exists = flag::Entity::find()
        .filter(flag::Column::PostId.eq(p.id))
        .filter(flag::Column::UserId.eq(actor.user_id))
        .count(db)
        .await?;
    if exists > 0 {
        return Err(AppError::Conflict(tr!(forum.already_flagged).into()));
    }
    flag::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        post_id: Set(p.id),
        user_id: Set(actor.user_id),
        reason: Set(reason),
        note: Set(note.trim().to_owned()),
        created_at: Set(now()),
        resolved_at: Set(None),
        resolved_by: Set(None),
        outcome: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(t.id)
}

/// A post's earlier versions, for anyone who can see the post.
pub async fn history(state: &AppState, actor: &Actor, post_id: i64) -> AppResult<PostHistory> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let (p, t) = access.post(db, post_id).await?;
    if p.status == PostStatus::Deleted && !access.moderator() {
        return Err(AppError::NotFound);
    }
    let revs = in_tenant::<revision::Entity>(actor.tenant_id)
        .filter(revision::Column::PostId.eq(p.id))
        .order_by_desc(revision::Column::Id)
        .all(db)
        .await?;
    let people = authors(
        db,
        actor.tenant_id,
        revs.iter().map(|r| r.editor_id).collect(),
    )
    .await?;
    Ok(PostHistory {
        post_id: p.id,
        topic_id: t.id,
        topic_title: t.title,
        current_md: p.body_md,
        revisions: revs
            .into_iter()
            .map(|r| RevisionView {
                editor_name: people
                    .get(&r.editor_id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                body_md: r.body_md,
                title: r.title,
                created_at: actor.time(r.created_at),
            })
            .collect(),
    })
}

/// What the edit form starts from.
pub async fn for_edit(state: &AppState, actor: &Actor, post_id: i64) -> AppResult<PostEdit> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let (p, t) = editable(db, &access, post_id).await?;
    Ok(PostEdit {
        post_id: p.id,
        topic_id: t.id,
        version: p.version,
        body_md: p.body_md,
        is_first: p.is_first,
        title: t.title,
        tags: super::tags_of(&t.tags).join(", "),
    })
}
