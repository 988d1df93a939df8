//! What a topic page needs to know about its reader, in one query rather
//! than three: how far they have read the topic, whether they are suspended
//! and how they watch it. The topic page is the forum's hottest path, and
//! each query is a round trip to the database.

use super::{active_suspension, suspension_notice};
use crate::error::AppResult;
use crate::ssr::entities::{forum_read as read, forum_watch as watch};
use crate::ssr::Actor;
use crate::types::forum::WatchLevel;
use crate::types::forum::WatchTarget;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement, SimpleExpr};
use sea_orm::ConnectionTrait;

pub struct Reader {
    /// The last post they have seen, if they opened the topic before.
    pub last_read: Option<i64>,
    /// Why they cannot post, while a suspension lasts.
    pub suspended: Option<String>,
    pub watch: WatchLevel,
}

pub async fn load(db: &impl ConnectionTrait, actor: &Actor, topic_id: i64) -> AppResult<Reader> {
    let last_read = Query::select()
        .column(read::Column::LastReadPostId)
        .from(read::Entity)
        .and_where(Expr::col(read::Column::UserId).eq(actor.user_id))
        .and_where(Expr::col(read::Column::TopicId).eq(topic_id))
        .limit(1)
        .to_owned();
    let suspended = active_suspension(actor.tenant_id, actor.user_id);
    let watch = Query::select()
        .column(watch::Column::Level)
        .from(watch::Entity)
        .and_where(Expr::col(watch::Column::TenantId).eq(actor.tenant_id))
        .and_where(Expr::col(watch::Column::UserId).eq(actor.user_id))
        .and_where(Expr::col(watch::Column::TargetKind).eq(WatchTarget::Topic))
        .and_where(Expr::col(watch::Column::TargetId).eq(topic_id))
        .limit(1)
        .to_owned();
    let stmt = Query::select()
        .expr_as(scalar(last_read), Alias::new("last_read"))
        .expr_as(scalar(suspended), Alias::new("suspended_until"))
        .expr_as(scalar(watch), Alias::new("watch"))
        .to_owned();
    let row = db.query_one(&stmt).await?;
    let (last_read, until, level) = match row {
        Some(r) => (
            r.try_get::<Option<i64>>("", "last_read")?,
            r.try_get::<Option<DateTime<Utc>>>("", "suspended_until")?,
            r.try_get::<Option<String>>("", "watch")?,
        ),
        None => (None, None, None),
    };
    Ok(Reader {
        last_read,
        suspended: until.map(|u| suspension_notice(actor, u)),
        watch: level
            .as_deref()
            .and_then(WatchLevel::parse)
            .unwrap_or(WatchLevel::Normal),
    })
}

fn scalar(q: SelectStatement) -> SimpleExpr {
    SimpleExpr::SubQuery(None, Box::new(q.into()))
}
