//! The one notification model: every module tells users what happened
//! through [`deliver`]; the bell, the notifications page, the home page's
//! "needs you" card and the daily digest read the same rows. Each user
//! chooses per kind how they hear of it (bell, mail now, daily digest,
//! off); mails go out in the recipient's language.

pub mod digest;
mod mail;

use crate::error::{AppError, AppResult};
use crate::ssr::entities::{forum_topic as topic, notification, notification_pref as pref, user};
use crate::ssr::jobs::{self, mail::MailJob, Job, Work};
use crate::ssr::scope::{in_tenant, tenant_is, Scope};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::notification::{
    Delivery, Details, NeedsYou, NotificationArea, NotificationKind, NotificationView,
    NotificationsPage, PreferenceView,
};
use crate::types::Role;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many notifications the page lists, and the home page's card.
pub const PAGE_ITEMS: u64 = 50;
pub const NEEDS_YOU_ITEMS: u64 = 5;

/// Who hears of it: enough to write the row and, when they want it, the
/// mail in their language.
#[derive(Clone, Debug)]
pub struct Recipient {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub language: crate::locale::Locale,
}

impl From<&user::Model> for Recipient {
    fn from(u: &user::Model) -> Self {
        Self {
            id: u.id,
            email: u.email.clone(),
            name: u.name.clone(),
            language: u.language().unwrap_or_default(),
        }
    }
}

/// One thing to tell one user.
#[derive(Clone, Debug)]
pub struct Notice {
    pub to: Recipient,
    pub kind: NotificationKind,
    /// The record it is about (see `notification::Model::subject_id`).
    pub subject_id: Option<i64>,
    pub details: Details,
    /// The portal path it opens, starting with `/`.
    pub link: String,
}

/// Stores the notices each recipient wants and queues the mails of those
/// who want them at once; the number stored. Safe inside a transaction
/// (the mails are queued jobs, sent only if it commits).
pub async fn deliver(
    db: &impl ConnectionTrait,
    base_url: &str,
    tenant_id: i64,
    notices: Vec<Notice>,
) -> AppResult<usize> {
    // On the heap: callers deep in a request (a campaign's launch) would
    // otherwise carry this future's state on their stack.
    Box::pin(store_and_mail(db, base_url, tenant_id, notices)).await
}

async fn store_and_mail(
    db: &impl ConnectionTrait,
    base_url: &str,
    tenant_id: i64,
    notices: Vec<Notice>,
) -> AppResult<usize> {
    if notices.is_empty() {
        return Ok(0);
    }
    let chosen = chosen_deliveries(db, tenant_id, &notices).await?;
    let at = now();
    let mut rows = Vec::new();
    let mut mails = Vec::new();
    for n in notices {
        let delivery = chosen
            .get(&(n.to.id, n.kind))
            .copied()
            .unwrap_or_else(|| n.kind.default_delivery());
        if delivery == Delivery::Off {
            continue;
        }
        if delivery == Delivery::MailNow {
            let (subject, body) = mail::one(&n, base_url);
            mails.push(Job::now(
                Some(tenant_id),
                Work::Mail(MailJob::new(&n.to.email, &subject, body)),
            ));
        }
        rows.push(row(tenant_id, n, delivery, at, None));
    }
    let stored = rows.len();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        notification::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    jobs::enqueue(db, mails).await?;
    Ok(stored)
}

/// A notice as its stored row (the demo program writes its history with
/// this, telling nobody by mail).
pub fn row(
    tenant_id: i64,
    n: Notice,
    delivery: Delivery,
    created_at: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
) -> notification::ActiveModel {
    notification::ActiveModel {
        tenant_id: Set(tenant_id),
        user_id: Set(n.to.id),
        kind: Set(n.kind),
        subject_id: Set(n.subject_id),
        details: Set(n.details.to_column()),
        link: Set(n.link),
        delivery: Set(delivery),
        read_at: Set(read_at),
        digested_at: Set(None),
        created_at: Set(created_at),
        ..Default::default()
    }
}

/// The recipients' stored choices for the kinds at hand.
async fn chosen_deliveries(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    notices: &[Notice],
) -> AppResult<HashMap<(i64, NotificationKind), Delivery>> {
    let kinds: HashSet<NotificationKind> = notices.iter().map(|n| n.kind).collect();
    let mut users: Vec<i64> = notices.iter().map(|n| n.to.id).collect();
    users.sort_unstable();
    users.dedup();
    let mut chosen = HashMap::new();
    for chunk in users.chunks(500) {
        let rows = in_tenant::<pref::Entity>(tenant_id)
            .filter(pref::Column::UserId.is_in(chunk.to_vec()))
            .filter(pref::Column::Kind.is_in(kinds.iter().copied()))
            .all(db)
            .await?;
        chosen.extend(rows.into_iter().map(|p| ((p.user_id, p.kind), p.delivery)));
    }
    Ok(chosen)
}

/// The kinds a user of this role can receive, in the order the settings
/// list them: everyone takes part in the forum; funds and campaigns speak
/// to partners.
pub fn kinds_for(role: Role) -> Vec<NotificationKind> {
    NotificationKind::ALL
        .iter()
        .copied()
        .filter(|k| k.reaches(role))
        .collect()
}

/// The actor's unread count, for the bell.
pub async fn unread_count(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<u64> {
    Ok(in_tenant::<notification::Entity>(actor.tenant_id)
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// The newest notifications and the actor's choices per kind.
pub async fn page(state: &AppState, actor: &Actor) -> AppResult<NotificationsPage> {
    let db = &state.db;
    let rows = in_tenant::<notification::Entity>(actor.tenant_id)
        .filter(notification::Column::UserId.eq(actor.user_id))
        .order_by_desc(notification::Column::Id)
        .limit(PAGE_ITEMS)
        .all(db)
        .await?;
    let chosen: HashMap<NotificationKind, Delivery> = in_tenant::<pref::Entity>(actor.tenant_id)
        .filter(pref::Column::UserId.eq(actor.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.kind, p.delivery))
        .collect();
    Ok(NotificationsPage {
        items: views(db, actor, rows).await?,
        unread: unread_count(db, actor).await?,
        preferences: kinds_for(actor.role)
            .into_iter()
            .map(|kind| PreferenceView {
                kind,
                delivery: chosen
                    .get(&kind)
                    .copied()
                    .unwrap_or_else(|| kind.default_delivery()),
            })
            .collect(),
    })
}

/// The work waiting for the actor and the few newest unread notices, for
/// the home page. A notice that points where a task already does ("New
/// campaign: X" beside "Join the campaign X") is left out: the task says
/// it, with its deadline.
pub async fn needs_you(state: &AppState, actor: &Actor) -> AppResult<NeedsYou> {
    let db = &state.db;
    let tasks = crate::ssr::services::work::for_actor(state, actor).await?;
    let task_links: HashSet<&str> = tasks.iter().map(|t| t.href.as_str()).collect();
    let mut query = in_tenant::<notification::Entity>(actor.tenant_id)
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null());
    if !task_links.is_empty() {
        query = query.filter(notification::Column::Link.is_not_in(task_links.iter().copied()));
    }
    let rows = query
        .order_by_desc(notification::Column::Id)
        .limit(NEEDS_YOU_ITEMS)
        .all(db)
        .await?;
    Ok(NeedsYou {
        items: views(db, actor, rows).await?,
        unread: unread_count(db, actor).await?,
        tasks,
    })
}

/// The rows as the actor reads them, without those about records they can
/// no longer see.
async fn views(
    db: &impl ConnectionTrait,
    actor: &Actor,
    rows: Vec<notification::Model>,
) -> AppResult<Vec<NotificationView>> {
    let hidden = no_longer_visible(db, actor, &rows).await?;
    let reader = crate::locale::current();
    Ok(rows
        .into_iter()
        .filter(|n| {
            !n.subject_id
                .is_some_and(|s| hidden.contains(&(n.kind.area(), s)))
        })
        .map(|n| NotificationView {
            id: n.id,
            kind: n.kind,
            sentence: Details::parse(&n.details).sentence(n.kind, reader),
            href: format!("/notifications/{}/open", n.id),
            created_at: actor.time(n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect())
}

/// Subjects the actor lost sight of since they were told: forum topics in
/// a category no longer open to them (a tier changed, a category
/// narrowed). Funds and campaign notices go to the partner they concern,
/// which keeps seeing its own records.
async fn no_longer_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    rows: &[notification::Model],
) -> AppResult<HashSet<(NotificationArea, i64)>> {
    let topics: HashSet<i64> = rows
        .iter()
        .filter(|n| n.kind.area() == NotificationArea::Forum)
        .filter_map(|n| n.subject_id)
        .collect();
    if topics.is_empty() {
        return Ok(HashSet::new());
    }
    let visible_categories = Scope::new(actor)
        .forum_categories()
        .select_only()
        .column(crate::ssr::entities::forum_category::Column::Id)
        .into_query();
    let seen: HashSet<i64> = in_tenant::<topic::Entity>(actor.tenant_id)
        .select_only()
        .column(topic::Column::Id)
        .filter(topic::Column::Id.is_in(topics.iter().copied()))
        .filter(topic::Column::CategoryId.in_subquery(visible_categories))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(topics
        .difference(&seen)
        .map(|t| (NotificationArea::Forum, *t))
        .collect())
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
    q.exec(&state.db).await?;
    Ok(())
}

/// Opens one of the actor's notifications: marks it read and answers the
/// portal path it links to. Someone else's is not found.
pub async fn open(state: &AppState, actor: &Actor, id: i64) -> AppResult<String> {
    let n = in_tenant::<notification::Entity>(actor.tenant_id)
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    mark_read(state, actor, Some(n.id)).await?;
    Ok(local_path(&n.link))
}

/// Only a path on this portal is followed (never `//host` or a scheme),
/// whatever a row holds.
fn local_path(link: &str) -> String {
    let local = link.starts_with('/') && !link.starts_with("//") && !link.contains('\\');
    if local {
        link.to_owned()
    } else {
        "/notifications".to_owned()
    }
}

/// Stores the actor's choices, one per kind they can receive, from the
/// settings form (`delivery[kind] = bell | mail | digest | off`). A kind
/// left out keeps its choice; an unknown value is refused on its field.
pub async fn set_preferences(
    state: &AppState,
    actor: &Actor,
    choices: &BTreeMap<String, String>,
) -> AppResult<()> {
    let mut rows = Vec::new();
    let mut errors = crate::types::FormErrors::new();
    for kind in kinds_for(actor.role) {
        let Some(raw) = choices.get(kind.as_str()) else {
            continue;
        };
        match Delivery::parse(raw.trim()) {
            Some(delivery) => rows.push(pref::ActiveModel {
                tenant_id: Set(actor.tenant_id),
                user_id: Set(actor.user_id),
                kind: Set(kind),
                delivery: Set(delivery),
            }),
            None => errors.add(
                &format!("delivery[{}]", kind.as_str()),
                tr!(notify.choose_delivery),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if rows.is_empty() {
        return Ok(());
    }
    pref::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                pref::Column::TenantId,
                pref::Column::UserId,
                pref::Column::Kind,
            ])
            .update_column(pref::Column::Delivery)
            .to_owned(),
        )
        .exec_without_returning(&state.db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_portal_paths_are_followed() {
        assert_eq!(
            local_path("/forum/topics/5#post-9"),
            "/forum/topics/5#post-9"
        );
        for outside in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "x",
        ] {
            assert_eq!(local_path(outside), "/notifications", "{outside}");
        }
    }

    #[test]
    fn vendor_staff_hear_of_the_forum_and_registrations_partners_of_their_own() {
        assert_eq!(
            kinds_for(Role::VendorAdmin),
            [
                NotificationKind::ForumMention,
                NotificationKind::ForumReply,
                NotificationKind::ForumAccepted,
                NotificationKind::ForumApproved,
                NotificationKind::DealSubmitted,
                NotificationKind::DealDueSoon,
                NotificationKind::DealOverdue,
                NotificationKind::DealExtensionAsked,
                NotificationKind::DealComment,
                NotificationKind::LeadQueued,
            ]
        );
        assert_eq!(
            kinds_for(Role::PartnerUser).len(),
            NotificationKind::ALL.len() - 5
        );
        assert!(!kinds_for(Role::PartnerUser).contains(&NotificationKind::DealSubmitted));
    }
}
