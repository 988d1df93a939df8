use sea_orm::entity::prelude::*;

/// A picture uploaded for a post, by whom (they may see it before posting).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_pictures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: i64,
    /// The stored file's name, `{token}.{ext}`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    pub uploader_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
