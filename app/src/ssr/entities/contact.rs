use sea_orm::entity::prelude::*;

/// A partner's own marketing contact, with the consent it gave.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub org_id: i64,
    pub email: String,
    pub name: String,
    pub company: String,
    pub consent_source: String,
    pub consented_at: DateTimeUtc,
    pub unsubscribed_at: Option<DateTimeUtc>,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
