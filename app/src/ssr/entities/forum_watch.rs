use sea_orm::entity::prelude::*;

/// A user watching or muting a topic or category.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_watches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub user_id: i64,
    /// "topic" or "category".
    pub target_kind: crate::types::forum::WatchTarget,
    pub target_id: i64,
    /// "watch" or "mute".
    pub level: crate::types::forum::WatchLevel,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
