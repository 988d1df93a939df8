//! The topic list (keyset-paginated by last activity), starting a topic and
//! reading one (keyset-paginated by post id).

use super::posts::{self, Draft};
use super::{authors, categories, reader, tags_of, Access};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{
    forum_flag as flag, forum_post as post, forum_read as read, forum_topic as topic,
};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, db_error};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::services::tiers::Audiences;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::forum::WatchTarget;
use crate::types::forum::{
    parse_tags, ForumPage, NewTopicForm, PostStatus, SolvedFilter, TopicFilter, TopicHead,
    TopicPage, TopicRow, WatchLevel, MAX_TITLE, MIN_TITLE, PAGE_POSTS, PAGE_TOPICS,
};
use crate::types::FormErrors;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Topics the actor may list: visible categories, published or (for their
/// author and moderators) awaiting approval.
fn listable(access: &Access<'_>, filter: &TopicFilter) -> Condition {
    let ids = match filter.category {
        Some(id) => access
            .category_ids()
            .into_iter()
            .filter(|c| *c == id)
            .collect(),
        None => access.category_ids(),
    };
    let mut statuses = Condition::any().add(topic::Column::Status.eq(PostStatus::Published));
    if access.moderator() {
        statuses = statuses.add(topic::Column::Status.eq(PostStatus::Pending));
    } else {
        statuses = statuses.add(
            Condition::all()
                .add(topic::Column::Status.eq(PostStatus::Pending))
                .add(topic::Column::AuthorId.eq(access.actor.user_id)),
        );
    }
    let mut c = Condition::all()
        .add(tenant_is::<topic::Entity>(access.actor.tenant_id))
        .add(topic::Column::CategoryId.is_in(ids))
        .add(statuses);
    let tag = filter.tag.trim().to_lowercase();
    if !tag.is_empty() {
        c = c.add(topic::Column::Tags.contains(format!(",{tag},")));
    }
    match filter.solved.known() {
        Some(SolvedFilter::Solved) => c = c.add(topic::Column::AcceptedPostId.is_not_null()),
        Some(SolvedFilter::Unsolved) => c = c.add(topic::Column::AcceptedPostId.is_null()),
        _ => {}
    }
    c
}

pub async fn page(
    state: &AppState,
    actor: &Actor,
    filter: TopicFilter,
    after: Option<i64>,
) -> AppResult<ForumPage> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    if let Some(id) = filter.category {
        access.category(id)?;
    }
    let cond = listable(&access, &filter);
    let pinned = if after.is_none() {
        topic::Entity::find()
            .filter(cond.clone())
            .filter(topic::Column::Pinned.eq(true))
            .order_by_desc(topic::Column::LastPostId)
            .limit(10)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let mut q = topic::Entity::find()
        .filter(cond)
        .filter(topic::Column::Pinned.eq(false));
    if let Some(after) = after {
        q = q.filter(topic::Column::LastPostId.lt(after));
    }
    let mut topics = q
        .order_by_desc(topic::Column::LastPostId)
        .limit(PAGE_TOPICS + 1)
        .all(db)
        .await?;
    let next_cursor = if topics.len() as u64 > PAGE_TOPICS {
        topics.truncate(PAGE_TOPICS as usize);
        topics.last().map(|t| t.last_post_id)
    } else {
        None
    };
    let all: Vec<&topic::Model> = pinned.iter().chain(topics.iter()).collect();
    let rows = rows(db, &access, &all).await?;
    let (pinned_rows, topic_rows) = rows.split_at(pinned.len());
    let flagged_count = if access.moderator() {
        in_tenant::<flag::Entity>(actor.tenant_id)
            .filter(flag::Column::ResolvedAt.is_null())
            .count(db)
            .await?
            + in_tenant::<post::Entity>(actor.tenant_id)
                .filter(post::Column::Status.eq(PostStatus::Pending))
                .count(db)
                .await?
    } else {
        0
    };
    let audiences = Audiences::load(db, actor.tenant_id).await?;
    Ok(ForumPage {
        categories: categories::views(db, &access).await?,
        pinned: pinned_rows.to_vec(),
        topics: topic_rows.to_vec(),
        next_cursor,
        filter,
        can_moderate: access.moderator(),
        can_manage_categories: actor.may(Permission::ManageForumCategories),
        flagged_count,
        tiers: audiences.tiers.options(crate::locale::current()),
        partner_types: audiences.types.options(crate::locale::current()),
    })
}

async fn rows(
    db: &impl ConnectionTrait,
    access: &Access<'_>,
    topics: &[&topic::Model],
) -> AppResult<Vec<TopicRow>> {
    let ids: Vec<i64> = topics.iter().map(|t| t.id).collect();
    let reads: HashMap<i64, i64> = if ids.is_empty() {
        HashMap::new()
    } else {
        read::Entity::find()
            .filter(read::Column::UserId.eq(access.actor.user_id))
            .filter(read::Column::TopicId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.topic_id, r.last_read_post_id))
            .collect()
    };
    let people = authors(
        db,
        access.actor.tenant_id,
        topics.iter().map(|t| t.author_id).collect(),
    )
    .await?;
    Ok(topics
        .iter()
        .map(|t| TopicRow {
            id: t.id,
            title: t.title.clone(),
            category_name: access.category_name(t.category_id),
            author_name: people
                .get(&t.author_id)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            tags: tags_of(&t.tags),
            pinned: t.pinned,
            locked: t.locked,
            solved: t.accepted_post_id.is_some(),
            pending: t.status == PostStatus::Pending,
            reply_count: t.reply_count,
            last_activity: access.actor.time(t.last_post_at),
            unread: reads.get(&t.id).is_none_or(|last| *last < t.last_post_id),
        })
        .collect())
}

pub async fn new_topic_form(state: &AppState, actor: &Actor) -> AppResult<NewTopicForm> {
    let access = Access::load(&state.db, actor).await?;
    let blocked = match super::ensure_not_suspended(&state.db, actor).await {
        Err(AppError::Conflict(m)) => Some(m),
        Err(e) => return Err(e),
        Ok(()) => None,
    };
    Ok(NewTopicForm {
        categories: categories::views(&state.db, &access).await?,
        blocked,
    })
}

pub struct NewTopic {
    pub category_id: i64,
    pub title: String,
    pub tags: String,
    pub body: String,
}

/// Validates a title; shared by starting a topic and editing its first post.
pub(super) fn check_title(errors: &mut FormErrors, raw: &str) -> String {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = title.chars().count();
    if len < MIN_TITLE {
        errors.add("title", tr!(forum.title_short, min = MIN_TITLE).to_string());
    } else if len > MAX_TITLE {
        errors.add(
            "title",
            tr!(forum.title_long, max = MAX_TITLE, len).to_string(),
        );
    }
    title
}

pub(super) fn check_tags(errors: &mut FormErrors, raw: &str) -> String {
    match parse_tags(raw) {
        Ok(tags) if tags.is_empty() => String::new(),
        Ok(tags) => format!(",{},", tags.join(",")),
        Err(m) => {
            errors.add("tags", m);
            String::new()
        }
    }
}

/// Starts a topic; returns its id.
pub async fn create(state: &AppState, actor: &Actor, input: NewTopic) -> AppResult<i64> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    super::ensure_not_suspended(db, actor).await?;
    let mut errors = FormErrors::new().with_values(&[
        ("title", &input.title),
        ("tags", &input.tags),
        ("body", &input.body),
        ("category_id", &input.category_id.to_string()),
    ]);
    if access.category(input.category_id).is_err() {
        errors.add("category_id", tr!(forum.choose_category_msg));
    }
    let title = check_title(&mut errors, &input.title);
    let tags = check_tags(&mut errors, &input.tags);
    posts::check_body(&mut errors, &input.body);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    posts::check_rate(db, actor).await?;
    let status = posts::initial_status(db, actor).await?;
    let at = now();
    let txn = begin_write(db).await?;
    let t = topic::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        category_id: Set(input.category_id),
        author_id: Set(actor.user_id),
        title: Set(title.clone()),
        tags: Set(tags),
        status: Set(if status == PostStatus::Pending {
            PostStatus::Pending
        } else {
            PostStatus::Published
        }),
        pinned: Set(false),
        locked: Set(false),
        accepted_post_id: Set(None),
        last_post_id: Set(0),
        last_post_at: Set(at),
        reply_count: Set(0),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let draft = Draft::prepare(&txn, actor, &input.body, Some(&title)).await?;
    let p = draft.insert(&txn, actor, t.id, true, status).await?;
    topic::Entity::update_many()
        .col_expr(topic::Column::LastPostId, Expr::value(p.id))
        .filter(topic::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    super::notify::watch_if_unset(&txn, actor, WatchTarget::Topic, t.id, WatchLevel::Watch).await?;
    txn.commit().await?;
    if status == PostStatus::Published {
        super::notify::after_post(state, actor, &t, &p, &draft.mentioned).await;
    }
    Ok(t.id)
}

/// One page of a topic. Reading it moves the reader's unread marker.
pub async fn open(
    state: &AppState,
    actor: &Actor,
    id: i64,
    after: Option<i64>,
    quote: Option<i64>,
) -> AppResult<TopicPage> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let t = access.topic(db, id).await?;
    let mut q = in_tenant::<post::Entity>(actor.tenant_id)
        .filter(post::Column::TopicId.eq(t.id))
        .filter(access.shown_posts());
    if let Some(after) = after {
        q = q.filter(post::Column::Id.gt(after));
    }
    let mut rows = q
        .order_by_asc(post::Column::Id)
        .limit(PAGE_POSTS + 1)
        .all(db)
        .await?;
    // The author of a pending or hidden post sees their own.
    rows.retain(|p| access.post_shown(p));
    let next_cursor = if rows.len() as u64 > PAGE_POSTS {
        rows.truncate(PAGE_POSTS as usize);
        rows.last().map(|p| p.id)
    } else {
        None
    };
    let accepted = match (t.accepted_post_id, after) {
        (Some(pid), None) => {
            in_tenant::<post::Entity>(actor.tenant_id)
                .filter(post::Column::Id.eq(pid))
                .filter(post::Column::Status.eq(PostStatus::Published))
                .one(db)
                .await?
        }
        _ => None,
    };
    let last_post_id = rows.last().map_or(after.unwrap_or(0), |p| p.id);
    // ?quote=ID: the quoted post's Markdown, taken before the rows move into
    // their views (the quote needs the author's handle from the views).
    let quoted_md = quote.and_then(|qid| {
        rows.iter_mut()
            .enumerate()
            .find(|(_, p)| p.id == qid && p.status != PostStatus::Deleted)
            .map(|(i, p)| (i, std::mem::take(&mut p.body_md)))
    });
    // The accepted answer goes last, so its view is the last one.
    let has_accepted = accepted.is_some();
    rows.extend(accepted);
    let mut views = posts::views(db, &access, &t, rows).await?;
    let accepted_view = if has_accepted { views.pop() } else { None };
    let quoted = quoted_md.map(|(i, md)| posts::quote_of(&views[i].author_handle, &md));
    let reader = reader::load(db, actor, t.id).await?;
    mark_read(db, actor, t.id, reader.last_read, last_post_id).await?;
    let reply_blocked = if t.status != PostStatus::Published {
        Some(tr!(forum.replies_after_approval).to_owned())
    } else if t.locked && !access.moderator() {
        Some(tr!(forum.locked_no_replies).to_owned())
    } else {
        reader.suspended
    };
    Ok(TopicPage {
        topic: head(&access, &t),
        posts: views,
        accepted: accepted_view,
        next_cursor,
        continued: after.is_some(),
        can_reply: reply_blocked.is_none(),
        reply_blocked,
        can_accept: t.author_id == actor.user_id || access.moderator(),
        can_moderate: access.moderator(),
        watch: reader.watch,
        last_post_id,
        my_user_id: actor.user_id,
        quoted,
    })
}

pub(super) fn head(access: &Access<'_>, t: &topic::Model) -> TopicHead {
    TopicHead {
        id: t.id,
        title: t.title.clone(),
        category_id: t.category_id,
        category_name: access.category_name(t.category_id),
        tags: tags_of(&t.tags),
        pinned: t.pinned,
        locked: t.locked,
        pending: t.status == PostStatus::Pending,
        deleted: t.status == PostStatus::Deleted,
        accepted_post_id: t.accepted_post_id,
        reply_count: t.reply_count,
    }
}

/// Posts added to a topic after `after`, for live updates.
pub async fn posts_after(
    state: &AppState,
    actor: &Actor,
    topic_id: i64,
    after: i64,
) -> AppResult<Vec<crate::types::forum::PostView>> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let t = access.topic(db, topic_id).await?;
    let mut rows = in_tenant::<post::Entity>(actor.tenant_id)
        .filter(post::Column::TopicId.eq(t.id))
        .filter(post::Column::Id.gt(after))
        .filter(access.shown_posts())
        .order_by_asc(post::Column::Id)
        .limit(PAGE_POSTS)
        .all(db)
        .await?;
    rows.retain(|p| access.post_shown(p));
    if let Some(last) = rows.last() {
        let last_read = reader::load(db, actor, t.id).await?.last_read;
        mark_read(db, actor, t.id, last_read, last.id).await?;
    }
    posts::views(db, &access, &t, rows).await
}

/// The newest post id visible in a topic (what live updates poll).
pub async fn latest_post_id(state: &AppState, actor: &Actor, topic_id: i64) -> AppResult<i64> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let t = access.topic(db, topic_id).await?;
    let latest: Option<i64> = post::Entity::find()
        .select_only()
        .column_as(post::Column::Id.max(), "latest")
        .filter(tenant_is::<post::Entity>(actor.tenant_id))
        .filter(post::Column::TopicId.eq(t.id))
        .filter(access.shown_posts())
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    Ok(latest.unwrap_or(0))
}

/// Moves the reader's marker forward to `post_id`; `last_read` is where it
/// stands now (from [`reader::load`]).
async fn mark_read(
    db: &impl ConnectionTrait,
    actor: &Actor,
    topic_id: i64,
    last_read: Option<i64>,
    post_id: i64,
) -> AppResult<()> {
    match last_read {
        Some(last) if last >= post_id => Ok(()),
        Some(_) => read::Entity::update_many()
            .col_expr(read::Column::LastReadPostId, Expr::value(post_id))
            .filter(read::Column::UserId.eq(actor.user_id))
            .filter(read::Column::TopicId.eq(topic_id))
            .filter(read::Column::LastReadPostId.lt(post_id))
            .exec(db)
            .await
            .map(|_| ())
            .map_err(db_error),
        None => read::Entity::insert(read::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            user_id: Set(actor.user_id),
            topic_id: Set(topic_id),
            last_read_post_id: Set(post_id),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                read::Column::TenantId,
                read::Column::UserId,
                read::Column::TopicId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map(|_| ())
        .map_err(db_error),
    }
}

/// The `after` cursor of a page that shows `post_id` with some context, or
/// None when it is on the first page.
pub(super) async fn anchor(
    db: &impl ConnectionTrait,
    access: &Access<'_>,
    topic_id: i64,
    post_id: i64,
) -> AppResult<Option<i64>> {
    let before = || {
        in_tenant::<post::Entity>(access.actor.tenant_id)
            .filter(post::Column::TopicId.eq(topic_id))
            .filter(post::Column::Id.lt(post_id))
            .filter(access.shown_posts())
    };
    if before().count(db).await? < PAGE_POSTS {
        return Ok(None);
    }
    let start: Option<i64> = before()
        .select_only()
        .column(post::Column::Id)
        .order_by_desc(post::Column::Id)
        .offset(10)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(start)
}

/// A visible post's topic and the page cursor that shows it.
pub async fn locate(
    state: &AppState,
    actor: &Actor,
    post_id: i64,
) -> AppResult<(i64, Option<i64>)> {
    let access = Access::load(&state.db, actor).await?;
    let (_, t) = access.post(&state.db, post_id).await?;
    Ok((t.id, anchor(&state.db, &access, t.id, post_id).await?))
}
