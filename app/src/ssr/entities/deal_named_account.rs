use sea_orm::entity::prelude::*;

/// A customer the vendor sells to itself: partners' registrations of it
/// are told it is reserved.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deal_named_accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub name: String,
    /// The name as the conflict check compares it.
    pub name_key: String,
    pub domain: Option<String>,
    pub country: String,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
