use crate::types::deal::{DealOrigin, DealStage, DealStatus};
use sea_orm::entity::prelude::*;

/// A partner's registration of a customer opportunity.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub partner_id: i64,
    /// The partner's distributor when it registered (two-tier).
    pub distributor_id: Option<i64>,
    /// The partner's own reference.
    pub reference: String,
    pub customer_name: String,
    /// The name as the conflict check compares it (`company_match`).
    pub customer_key: String,
    pub customer_website: String,
    /// The registrable domain of the website or the contact's address.
    pub customer_domain: Option<String>,
    pub country: String,
    pub region: String,
    pub city: String,
    pub postcode: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub currency: String,
    pub amount_minor: i64,
    pub expected_close_on: Date,
    pub stage: DealStage,
    pub origin: DealOrigin,
    pub competitor: String,
    pub notes: String,
    pub campaign_id: Option<i64>,
    pub fund_request_id: Option<i64>,
    pub status: DealStatus,
    pub submitted_at: Option<DateTimeUtc>,
    pub decision_due_at: Option<DateTimeUtc>,
    pub half_time_reminded_at: Option<DateTimeUtc>,
    pub breach_reported_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i64>,
    pub reason_code: Option<String>,
    pub reason: Option<String>,
    /// Fields returned for changes, comma separated.
    pub returned_fields: String,
    pub protected_until: Option<Date>,
    pub expiry_reminded_at: Option<DateTimeUtc>,
    pub extension_requested_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub idempotency_key: String,
    pub version: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::deal_line::Entity")]
    Lines,
}

impl Related<super::deal_line::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Lines.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
