use crate::types::lead::DeclineReason;
use sea_orm::entity::prelude::*;

/// An offer a partner declined or let run out.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "lead_misses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub lead_id: i64,
    pub partner_id: i64,
    pub reason: DeclineReason,
    pub note: String,
    /// None when the offer ran out.
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
