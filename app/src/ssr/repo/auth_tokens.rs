//! Invitation and password-reset tokens (stored as hashes).

use crate::ssr::entities::{invitation, password_reset};
use crate::ssr::scope::{in_tenant, tenant_is};
use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter,
};

pub struct NewInvitation<'a> {
    pub tenant_id: i64,
    pub organization_id: i64,
    pub email: &'a str,
    pub role: crate::types::Role,
    pub token_hash: String,
    pub invited_by: i64,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_invitation(
    db: &impl ConnectionTrait,
    new: NewInvitation<'_>,
) -> Result<invitation::Model, DbErr> {
    invitation::ActiveModel {
        tenant_id: Set(new.tenant_id),
        organization_id: Set(new.organization_id),
        email: Set(new.email.to_owned()),
        role: Set(new.role),
        token_hash: Set(new.token_hash),
        invited_by: Set(new.invited_by),
        created_at: Set(new.now),
        expires_at: Set(new.expires_at),
        accepted_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// An invitation that can still be accepted.
pub async fn open_invitation(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<invitation::Model>, DbErr> {
    in_tenant::<invitation::Entity>(tenant_id)
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .one(db)
        .await
}

/// Marks an invitation accepted; false when another request got there first.
pub async fn accept_invitation(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Revokes open invitations for the same address in the same organisation,
/// so only the newest link works.
/// Invitations `user_id` sent since `since` (revoked ones too: each was a mail).
pub async fn invitations_sent_since(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    user_id: i64,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    in_tenant::<invitation::Entity>(tenant_id)
        .filter(invitation::Column::InvitedBy.eq(user_id))
        .filter(invitation::Column::CreatedAt.gt(since))
        .count(db)
        .await
}

pub async fn revoke_open_for(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    organization_id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(now))
        .filter(tenant_is::<invitation::Entity>(tenant_id))
        .filter(invitation::Column::OrganizationId.eq(organization_id))
        .filter(invitation::Column::Email.eq(email))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn insert_reset(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    user_id: i64,
    token_hash: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    password_reset::ActiveModel {
        tenant_id: Set(tenant_id),
        user_id: Set(user_id),
        token_hash: Set(token_hash),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn open_reset(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<password_reset::Model>, DbErr> {
    in_tenant::<password_reset::Entity>(tenant_id)
        .filter(password_reset::Column::TokenHash.eq(token_hash))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .one(db)
        .await
}

/// Marks a reset link used; false when it was used concurrently.
pub async fn use_reset(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
