use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub partner_id: i64,
    pub allocation_id: i64,
    pub activity_type: crate::types::funds::ActivityType,
    pub title: String,
    pub description: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub requested_minor: i64,
    pub approved_minor: Option<i64>,
    pub partner_share_minor: i64,
    pub expected_leads: i32,
    pub expected_attendees: i32,
    pub expected_pipeline_minor: i64,
    pub status: crate::types::funds::RequestStatus,
    pub decision_reason: Option<String>,
    pub idempotency_key: String,
    /// When the partner was reminded of the claim deadline.
    pub claim_reminded_at: Option<DateTimeUtc>,
    /// The campaign this activity runs (its sends and clicks are the proof).
    pub campaign_id: Option<i64>,
    pub version: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// Declared so a request loads with its allocation and budget in one query.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::fund_allocation::Entity",
        from = "Column::AllocationId",
        to = "super::fund_allocation::Column::Id"
    )]
    Allocation,
}

impl Related<super::fund_allocation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Allocation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
