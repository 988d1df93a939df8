use crate::types::deal::ConflictResolution;
use sea_orm::entity::prelude::*;

/// A registration that clashes with another partner's live one or with a
/// named account, the evidence, and the reviewer's decision.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deal_conflicts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub deal_id: i64,
    pub other_deal_id: Option<i64>,
    pub named_account_id: Option<i64>,
    /// The registrable domain both share.
    pub domain: Option<String>,
    /// Name similarity in thousandths.
    pub name_similarity_e3: i32,
    pub same_place: bool,
    pub resolution: Option<ConflictResolution>,
    pub resolution_reason: Option<String>,
    pub resolved_by: Option<i64>,
    pub resolved_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
