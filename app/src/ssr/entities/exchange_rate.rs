use sea_orm::entity::prelude::*;

/// What one unit of `currency` is worth in the program's currency from
/// `valid_from` until the next rate of that currency.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "exchange_rates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub currency: String,
    pub valid_from: Date,
    /// `types::revenue::Rate`: program currency units per unit, in
    /// billionths.
    pub rate_e9: i64,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
