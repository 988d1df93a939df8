use crate::types::revenue::RevenueSource;
use sea_orm::entity::prelude::*;

/// One revenue figure of a partner for a period, in the currency it was
/// reported in: the ledger tiers, co-op funds and scorecards read.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "partner_revenue")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub partner_id: i64,
    /// `YYYY-MM` or `YYYY-Qn` (`types::revenue::Period`).
    pub period: String,
    /// The period's first day: its exchange rate's day.
    pub period_start: Date,
    pub source: RevenueSource,
    /// The won deal the figure comes from (it counts once).
    pub deal_id: Option<i64>,
    pub currency: String,
    pub amount_minor: i64,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
