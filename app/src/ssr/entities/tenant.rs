use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tenants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub brand_color: String,
    /// ISO 4217 code program-wide revenue totals are given in.
    pub currency: String,
    /// Days after an activity ends within which its claim must be filed.
    pub fund_claim_days: i32,
    /// New members' first forum post waits for a moderator.
    pub forum_approve_first_posts: bool,
    pub created_at: DateTimeUtc,
    /// Set by the operator (`server program suspend`): the program is not
    /// served until it is resumed.
    pub suspended_at: Option<DateTimeUtc>,
    /// Business days a deal registration may wait for its decision.
    pub deal_review_days: i32,
    /// The program's own zone (IANA name): its business days and weekends.
    pub time_zone: String,
    /// Business hours a partner has to accept a lead offered to it.
    pub lead_accept_hours: i32,
    /// Business hours after accepting a lead to first contact it.
    pub lead_contact_hours: i32,
    /// How a lead's partner is drawn among the nearest candidates.
    pub lead_routing: crate::types::lead::RoutingMode,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
