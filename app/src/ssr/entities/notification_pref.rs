use sea_orm::entity::prelude::*;

/// How a user wants to hear of one kind; no row means the kind's default.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_prefs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: crate::types::notification::NotificationKind,
    pub delivery: crate::types::notification::Delivery,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The kind is part of the primary key; sea-orm asks every key part to come
/// from an auto-increment id, which a kind never does.
impl sea_orm::TryFromU64 for crate::types::notification::NotificationKind {
    fn try_from_u64(_: u64) -> Result<Self, DbErr> {
        Err(DbErr::ConvertFromU64("NotificationKind"))
    }
}
