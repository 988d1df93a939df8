use crate::types::lead::RoutingKind;
use sea_orm::entity::prelude::*;

/// One routing decision on a lead, with the candidates it weighed.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "lead_routings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub lead_id: i64,
    pub kind: RoutingKind,
    pub partner_id: Option<i64>,
    pub reason: String,
    /// JSON: `Vec<types::lead::Candidate>`.
    pub candidates: String,
    /// None when the portal decided.
    pub decided_by: Option<i64>,
    pub decided_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
