use sea_orm::entity::prelude::*;

/// Something a user should hear of, from any module.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub user_id: i64,
    pub kind: crate::types::notification::NotificationKind,
    /// The record it is about; its module hides the notification when the
    /// reader can no longer see that record.
    pub subject_id: Option<i64>,
    /// `types::notification::Details` as JSON.
    pub details: String,
    /// The portal path it opens.
    pub link: String,
    pub delivery: crate::types::notification::Delivery,
    pub read_at: Option<DateTimeUtc>,
    pub digested_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
