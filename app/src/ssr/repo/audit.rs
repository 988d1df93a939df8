//! The audit trail: who did what to which record, when. Every area writes
//! to the one table (`audit_events`), keyed by the record's kind and id.

use crate::ssr::entities::audit_event;
use crate::ssr::scope::in_tenant;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter,
    QueryOrder,
};

/// One event to record.
pub struct AuditEntry<'a> {
    pub tenant_id: i64,
    pub entity: &'a str,
    pub entity_id: i64,
    pub actor_id: i64,
    pub action: &'a str,
    pub detail: &'a str,
    pub at: DateTime<Utc>,
}

/// Adds an event to the trail.
pub async fn record(db: &impl ConnectionTrait, e: AuditEntry<'_>) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        tenant_id: Set(e.tenant_id),
        entity: Set(e.entity.to_owned()),
        entity_id: Set(e.entity_id),
        actor_id: Set(e.actor_id),
        action: Set(e.action.to_owned()),
        detail: Set(e.detail.to_owned()),
        created_at: Set(e.at),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// One record's trail, oldest first.
pub async fn trail(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    entity: &str,
    entity_id: i64,
) -> Result<Vec<audit_event::Model>, DbErr> {
    in_tenant::<audit_event::Entity>(tenant_id)
        .filter(audit_event::Column::Entity.eq(entity))
        .filter(audit_event::Column::EntityId.eq(entity_id))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
}

/// Audit trails of several records of one kind, oldest first, in one query.
pub async fn trails(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    entity: &str,
    entity_ids: Vec<i64>,
) -> Result<Vec<audit_event::Model>, DbErr> {
    if entity_ids.is_empty() {
        return Ok(Vec::new());
    }
    in_tenant::<audit_event::Entity>(tenant_id)
        .filter(audit_event::Column::Entity.eq(entity))
        .filter(audit_event::Column::EntityId.is_in(entity_ids))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
}
