use sea_orm::entity::prelude::*;

/// One post; Markdown as written and the sanitised HTML shown.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub topic_id: i64,
    pub author_id: i64,
    pub is_first: bool,
    pub body_md: String,
    pub body_html: String,
    pub search_title: String,
    pub search_body: String,
    /// "published", "pending", "hidden" or "deleted".
    pub status: crate::types::forum::PostStatus,
    pub like_count: i32,
    pub edit_count: i32,
    pub version: i32,
    pub edited_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// Declared so a post loads with its topic in one query.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::forum_topic::Entity",
        from = "Column::TopicId",
        to = "super::forum_topic::Column::Id"
    )]
    Topic,
}

impl Related<super::forum_topic::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Topic.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
