use sea_orm::entity::prelude::*;

/// A message in a registration's conversation between partner and vendor.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deal_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub deal_id: i64,
    pub author_id: i64,
    /// Markdown as written.
    pub body: String,
    /// The sanitised HTML it renders to.
    pub html: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
