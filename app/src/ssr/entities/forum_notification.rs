use sea_orm::entity::prelude::*;

/// Something in the forum a user should see.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub user_id: i64,
    /// "mention", "reply", "accepted" or "approved".
    pub kind: crate::types::forum::NotificationKind,
    pub topic_id: i64,
    pub post_id: i64,
    pub actor_id: i64,
    pub read_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
