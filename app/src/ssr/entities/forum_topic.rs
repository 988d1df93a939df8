use sea_orm::entity::prelude::*;

/// A question or discussion; its first post holds the body.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_topics")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub category_id: i64,
    pub author_id: i64,
    pub title: String,
    /// ",tag1,tag2," (leading and trailing commas so one LIKE finds a tag).
    pub tags: String,
    /// "published", "pending" or "deleted".
    pub status: crate::types::forum::PostStatus,
    pub pinned: bool,
    pub locked: bool,
    pub accepted_post_id: Option<i64>,
    /// Newest visible post: the activity order and the keyset cursor.
    pub last_post_id: i64,
    pub last_post_at: DateTimeUtc,
    pub reply_count: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
