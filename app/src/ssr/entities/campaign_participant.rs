use sea_orm::entity::prelude::*;

/// A partner company that opted in to a campaign, with its own designs.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign_participants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub campaign_id: i64,
    pub org_id: i64,
    pub email_design_id: Option<i64>,
    pub social_design_id: Option<i64>,
    pub joined_by: i64,
    pub joined_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
