//! @mention completion: people the writer may address. Vendor staff, the
//! writer's own colleagues and anyone who has posted in a category the
//! writer can see; never a directory of every partner's staff, and never
//! a hint that someone is active in a category hidden from the writer.

use crate::error::AppResult;
use crate::ssr::entities::{forum_post as post, forum_topic as topic, organization, user};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::{Actor, AppState};
use crate::types::forum::MemberHint;
use crate::types::OrgKind;
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{ColumnTrait, Condition, QueryFilter, QueryOrder, QuerySelect};

pub async fn complete(state: &AppState, actor: &Actor, prefix: &str) -> AppResult<Vec<MemberHint>> {
    let prefix: String = prefix
        .trim()
        .trim_start_matches('@')
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ' '))
        .take(32)
        .collect();
    if prefix.is_empty() {
        return Ok(Vec::new());
    }
    let db = &state.db;
    let vendor_orgs = Query::select()
        .column(organization::Column::Id)
        .from(organization::Entity)
        .and_where(tenant_is::<organization::Entity>(actor.tenant_id))
        .and_where(organization::Column::Kind.eq(OrgKind::Vendor))
        .to_owned();
    let visible_topics = Query::select()
        .column(topic::Column::Id)
        .from(topic::Entity)
        .and_where(tenant_is::<topic::Entity>(actor.tenant_id))
        .and_where(
            topic::Column::CategoryId.is_in(super::Access::load(db, actor).await?.category_ids()),
        )
        .to_owned();
    let posters = Query::select()
        .column(post::Column::AuthorId)
        .from(post::Entity)
        .and_where(tenant_is::<post::Entity>(actor.tenant_id))
        .and_where(post::Column::TopicId.in_subquery(visible_topics))
        .to_owned();
    let users = in_tenant::<user::Entity>(actor.tenant_id)
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.ne(actor.user_id))
        .filter(
            Condition::any()
                .add(user::Column::Handle.starts_with(&prefix))
                .add(
                    Expr::expr(Func::lower(Expr::col(user::Column::Name)))
                        .like(format!("%{prefix}%")),
                ),
        )
        .filter(
            Condition::any()
                .add(user::Column::OrganizationId.in_subquery(vendor_orgs))
                .add(user::Column::OrganizationId.eq(actor.organization_id))
                .add(user::Column::Id.in_subquery(posters)),
        )
        .order_by_asc(user::Column::Handle)
        .limit(8)
        .all(db)
        .await?;
    let people = super::authors(db, actor.tenant_id, users.iter().map(|u| u.id).collect()).await?;
    Ok(users
        .into_iter()
        .map(|u| MemberHint {
            org: people.get(&u.id).map(|a| a.org.clone()).unwrap_or_default(),
            handle: u.handle,
            name: u.name,
        })
        .collect())
}
