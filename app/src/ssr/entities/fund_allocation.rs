use sea_orm::entity::prelude::*;

/// Funds set aside from a budget for one partner, or for a tier pool when
/// `partner_id` is empty and `tier` is set.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_allocations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub budget_id: i64,
    pub partner_id: Option<i64>,
    pub tier: Option<String>,
    pub amount_minor: i64,
    pub available_minor: i64,
    pub idempotency_key: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

/// Declared so a request loads with its allocation and budget in one query.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::fund_budget::Entity",
        from = "Column::BudgetId",
        to = "super::fund_budget::Column::Id"
    )]
    Budget,
}

impl Related<super::fund_budget::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Budget.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
