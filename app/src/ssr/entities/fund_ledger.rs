use sea_orm::entity::prelude::*;

/// One append-only ledger entry. Never updated or deleted; corrections are
/// new `reverse` entries.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_ledger")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub budget_id: i64,
    pub allocation_id: Option<i64>,
    pub request_id: Option<i64>,
    pub kind: crate::types::funds::LedgerKind,
    pub amount_minor: i64,
    pub currency: String,
    pub actor_id: i64,
    pub reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
