use crate::types::lead::{LeadPriority, LeadSource, LeadStatus};
use sea_orm::entity::prelude::*;

/// A lead the vendor routes to a partner.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "leads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub company: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub postcode: String,
    pub latitude_e6: Option<i32>,
    pub longitude_e6: Option<i32>,
    pub product_family_id: Option<i64>,
    /// A certification the partner must hold (one of its people).
    pub certification_id: Option<i64>,
    pub segment: String,
    pub priority: LeadPriority,
    pub source: LeadSource,
    pub campaign_id: Option<i64>,
    pub notes: String,
    pub status: LeadStatus,
    /// The partner it is offered to or held by.
    pub partner_id: Option<i64>,
    /// The distributor that passed it to that reseller.
    pub passed_by_id: Option<i64>,
    /// Offers declined or let expire so far.
    pub misses: i32,
    pub offered_at: Option<DateTimeUtc>,
    pub accept_due_at: Option<DateTimeUtc>,
    pub accepted_at: Option<DateTimeUtc>,
    pub accepted_by: Option<i64>,
    pub contact_due_at: Option<DateTimeUtc>,
    pub contact_reminded_at: Option<DateTimeUtc>,
    pub contacted_at: Option<DateTimeUtc>,
    pub deal_id: Option<i64>,
    pub idempotency_key: String,
    pub version: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
