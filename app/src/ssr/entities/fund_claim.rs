use sea_orm::entity::prelude::*;

/// What a partner spent and achieved, claimed against an approved request.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_claims")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub request_id: i64,
    pub partner_id: i64,
    pub actual_minor: i64,
    pub approved_minor: Option<i64>,
    pub actual_leads: i32,
    pub actual_attendees: i32,
    pub actual_pipeline_minor: i64,
    pub results: String,
    pub status: crate::types::funds::ClaimStatus,
    pub decision_reason: Option<String>,
    pub paid_on: Option<Date>,
    pub payment_reference: Option<String>,
    pub version: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
