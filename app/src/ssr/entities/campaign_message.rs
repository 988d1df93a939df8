use sea_orm::entity::prelude::*;

/// One e-mail of a send, to one contact, with its tracking.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub send_id: i64,
    pub campaign_id: i64,
    pub org_id: i64,
    pub contact_id: i64,
    pub email: String,
    pub status: crate::types::campaign::MessageStatus,
    pub attempts: i32,
    pub sent_at: Option<DateTimeUtc>,
    pub opened_at: Option<DateTimeUtc>,
    pub open_count: i32,
    pub clicked_at: Option<DateTimeUtc>,
    pub click_count: i32,
    pub unsubscribed_at: Option<DateTimeUtc>,
    pub last_error: String,
    /// The lead the recipient's answer became.
    pub lead_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
