use sea_orm::entity::prelude::*;

/// A report of a post to the moderators.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_flags")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub post_id: i64,
    pub user_id: i64,
    pub reason: crate::types::forum::FlagReason,
    pub note: String,
    pub created_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    pub resolved_by: Option<i64>,
    /// "hidden" or "kept".
    pub outcome: Option<crate::types::forum::FlagOutcome>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
