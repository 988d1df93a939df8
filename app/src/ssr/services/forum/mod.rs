//! Community forum workflows. Every read goes through [`Access`], which holds
//! the categories the actor's [`Scope`] sees, so no path can show a vendor-only or
//! other-tier category, in lists, topics or search.

pub mod attachments;
pub mod categories;
pub mod members;
pub mod moderation;
pub mod notify;
pub mod posts;
pub mod reader;
pub mod search;
pub mod topics;

use crate::error::{AppError, AppResult};
use crate::ssr::entities::{
    forum_category as category, forum_post as post, forum_suspension as suspension,
    forum_topic as topic, organization, user,
};
use crate::ssr::permission::Permission;
use crate::ssr::repo::db_error;
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::{Actor, Scope};
use crate::types::forum::PostStatus;
use crate::types::OrgKind;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// What the actor may see and do in the forum, loaded once per call.
pub struct Access<'a> {
    pub actor: &'a Actor,
    /// Visible categories in display order.
    pub categories: Vec<category::Model>,
}

impl<'a> Access<'a> {
    pub async fn load(db: &impl ConnectionTrait, actor: &'a Actor) -> AppResult<Self> {
        let scope = Scope::new(actor);
        let categories = scope
            .forum_categories()
            .order_by_asc(category::Column::Position)
            .order_by_asc(category::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .filter(|c| scope.sees_forum_category(c))
            .collect();
        Ok(Self { actor, categories })
    }

    pub fn moderator(&self) -> bool {
        self.actor.may(Permission::ModerateForum)
    }

    pub fn category_ids(&self) -> Vec<i64> {
        self.categories.iter().map(|c| c.id).collect()
    }

    pub fn category(&self, id: i64) -> AppResult<&category::Model> {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .ok_or(AppError::NotFound)
    }

    pub fn category_name(&self, id: i64) -> String {
        self.category(id)
            .map(|c| c.name_for(crate::locale::current()))
            .unwrap_or_default()
    }

    /// A topic the actor may open: in a visible category, not deleted, and
    /// if still awaiting approval only for its author and moderators.
    pub async fn topic(&self, db: &impl ConnectionTrait, id: i64) -> AppResult<topic::Model> {
        let t = in_tenant::<topic::Entity>(self.actor.tenant_id)
            .filter(topic::Column::Id.eq(id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        if self.topic_shown(&t)? {
            Ok(t)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// A topic is seen in a category the actor sees: published, or waiting
    /// for approval to its author and the moderators. A category the actor
    /// may not see is an error (not found).
    fn topic_shown(&self, t: &topic::Model) -> AppResult<bool> {
        self.category(t.category_id)?;
        Ok(match t.status {
            PostStatus::Published => true,
            PostStatus::Pending => self.moderator() || t.author_id == self.actor.user_id,
            PostStatus::Hidden | PostStatus::Deleted => false,
        })
    }

    /// A post the actor may see, with its topic.
    pub async fn post(
        &self,
        db: &impl ConnectionTrait,
        id: i64,
    ) -> AppResult<(post::Model, topic::Model)> {
        let found = in_tenant::<post::Entity>(self.actor.tenant_id)
            .filter(post::Column::Id.eq(id))
            .find_also_related(topic::Entity)
            .filter(tenant_is::<topic::Entity>(self.actor.tenant_id))
            .one(db)
            .await?;
        let Some((p, Some(t))) = found else {
            return Err(AppError::NotFound);
        };
        if self.topic_shown(&t)? && self.post_shown(&p) {
            Ok((p, t))
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Hidden and pending posts are seen by their author and moderators;
    /// deleted ones stay as a marker so the thread keeps its shape.
    pub fn post_shown(&self, p: &post::Model) -> bool {
        match p.status {
            PostStatus::Published | PostStatus::Deleted => true,
            PostStatus::Pending | PostStatus::Hidden => {
                self.moderator() || p.author_id == self.actor.user_id
            }
        }
    }

    /// Posts the actor sees in a topic: all for moderators; otherwise the
    /// published and deleted ones, plus their own waiting or hidden posts.
    pub fn shown_posts(&self) -> Condition {
        if self.moderator() {
            return Condition::all();
        }
        Condition::any()
            .add(post::Column::Status.is_in([PostStatus::Published, PostStatus::Deleted]))
            .add(post::Column::AuthorId.eq(self.actor.user_id))
    }
}

/// Refuses writes from a member suspended from the forum.
pub async fn ensure_not_suspended(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<()> {
    match suspended_until(db, actor.tenant_id, actor.user_id).await? {
        Some(until) => Err(AppError::Conflict(suspension_notice(actor, until))),
        None => Ok(()),
    }
}

/// What a suspended member is told when they try to post.
pub fn suspension_notice(actor: &Actor, until: DateTime<Utc>) -> String {
    crate::tr!(forum.suspended_until, date = actor.date(until)).to_string()
}

pub async fn suspended_until(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    user_id: i64,
) -> AppResult<Option<DateTime<Utc>>> {
    let row = db.query_one(&active_suspension(tenant_id, user_id)).await?;
    match row {
        Some(r) => r.try_get_by_index(0).map_err(db_error),
        None => Ok(None),
    }
}

/// The end of a member's longest running suspension (NULL when none): one
/// definition for the write check above and the topic page's reader query.
pub(super) fn active_suspension(tenant_id: i64, user_id: i64) -> SelectStatement {
    Query::select()
        .expr(Expr::col(suspension::Column::Until).max())
        .from(suspension::Entity)
        .and_where(Expr::col(suspension::Column::TenantId).eq(tenant_id))
        .and_where(Expr::col(suspension::Column::UserId).eq(user_id))
        .and_where(Expr::col(suspension::Column::Until).gt(Utc::now()))
        .to_owned()
}

/// Who wrote something: name, handle, company, vendor staff or not.
#[derive(Clone, Default)]
pub struct Author {
    pub name: String,
    pub handle: String,
    pub org: String,
    pub staff: bool,
    pub email: String,
}

/// Authors by user id, in one query however many posts a page has.
pub async fn authors(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    mut ids: Vec<i64>,
) -> AppResult<HashMap<i64, Author>> {
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .column(user::Column::Handle)
        .column(user::Column::Email)
        .column_as(organization::Column::Name, "org_name")
        .column_as(organization::Column::Kind, "org_kind")
        .left_join(organization::Entity)
        .filter(tenant_is::<user::Entity>(tenant_id))
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i64, String, String, String, Option<String>, Option<OrgKind>)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, handle, email, org, kind)| {
            (
                id,
                Author {
                    name,
                    handle,
                    org: org.unwrap_or_default(),
                    staff: kind == Some(OrgKind::Vendor),
                    email,
                },
            )
        })
        .collect())
}

/// Tags stored as ",a,b," back to a list.
pub(crate) fn tags_of(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
