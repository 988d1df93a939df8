use crate::ssr::entities::{organization, session, user};
use crate::ssr::scope::tenant_is;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

pub async fn insert(
    db: &impl ConnectionTrait,
    id_hash: String,
    tenant_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::ActiveModel {
        id: Set(id_hash),
        tenant_id: Set(tenant_id),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The session with its user and the user's organisation, in one query (it
/// runs on every signed-in request).
pub async fn load(
    db: &impl ConnectionTrait,
    id_hash: &str,
) -> Result<Option<(session::Model, user::Model, organization::Model)>, DbErr> {
    let row = session::Entity::find_by_id(id_hash.to_owned())
        .find_also_related(user::Entity)
        .and_also_related(organization::Entity)
        .one(db)
        .await?;
    Ok(match row {
        Some((s, Some(u), Some(o))) if u.tenant_id == s.tenant_id && o.tenant_id == s.tenant_id => {
            Some((s, u, o))
        }
        _ => None,
    })
}

pub async fn touch(
    db: &impl ConnectionTrait,
    id_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(session::Column::Id.eq(id_hash))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn delete(db: &impl ConnectionTrait, id_hash: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(id_hash.to_owned())
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn delete_for_user(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    user_id: i64,
) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(tenant_is::<session::Entity>(tenant_id))
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map(|_| ())
}
