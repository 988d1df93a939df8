use sea_orm::entity::prelude::*;

/// One partner's send of a campaign e-mail to its contacts.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign_sends")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub campaign_id: i64,
    pub org_id: i64,
    pub subject: String,
    pub html: String,
    pub links: String,
    pub scheduled_at: DateTimeUtc,
    pub status: crate::types::campaign::SendStatus,
    pub recipients: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
