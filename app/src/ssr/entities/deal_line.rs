use sea_orm::entity::prelude::*;

/// One product family on a registration: how many, for how much.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deal_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub deal_id: i64,
    pub product_family_id: i64,
    pub quantity: i32,
    pub amount_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::deal::Entity",
        from = "Column::DealId",
        to = "super::deal::Column::Id"
    )]
    Deal,
}

impl Related<super::deal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Deal.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
