use sea_orm::entity::prelude::*;

/// A partner's revenue for one period, and what it accrued in a co-op budget.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_revenue")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub budget_id: i64,
    pub partner_id: i64,
    /// `YYYY-MM` or `YYYY-Qn`.
    pub period: String,
    pub revenue_minor: i64,
    pub accrued_minor: i64,
    /// The ledger figure this accrual was computed from.
    pub revenue_id: Option<i64>,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
