use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_budgets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub name: String,
    pub kind: crate::types::funds::BudgetKind,
    pub currency: String,
    pub total_minor: i64,
    pub unallocated_minor: i64,
    pub coop_percent_bp: Option<i32>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub idempotency_key: String,
    pub version: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
