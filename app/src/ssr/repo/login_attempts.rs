//! Failed sign-ins, counted in the database so every server instance sees
//! the same limit.

use crate::ssr::entities::login_attempt;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

/// Records a try and returns its id.
pub async fn record(
    db: &impl ConnectionTrait,
    subject: &str,
    at: DateTime<Utc>,
) -> Result<i64, DbErr> {
    login_attempt::ActiveModel {
        subject: Set(subject.to_owned()),
        attempted_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|a| a.id)
}

pub async fn delete(db: &impl ConnectionTrait, ids: &[i64]) -> Result<(), DbErr> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn count_since(
    db: &impl ConnectionTrait,
    subject: &str,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    login_attempt::Entity::find()
        .filter(login_attempt::Column::Subject.eq(subject))
        .filter(login_attempt::Column::AttemptedAt.gt(since))
        .count(db)
        .await
}

pub async fn clear(db: &impl ConnectionTrait, subject: &str) -> Result<(), DbErr> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::Subject.eq(subject))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn prune(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<(), DbErr> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::AttemptedAt.lt(before))
        .exec(db)
        .await
        .map(|_| ())
}
