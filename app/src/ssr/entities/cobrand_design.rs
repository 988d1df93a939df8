use sea_orm::entity::prelude::*;

/// A partner's customisation of one template version.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cobrand_designs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub org_id: i64,
    pub template_id: i64,
    pub version_id: i64,
    pub name: String,
    /// Slot name → value, as JSON.
    pub slot_values: String,
    pub status: crate::types::cobrand::DesignStatus,
    pub review_comment: String,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The language the design was started in ("de"): its template's
    /// wording in that language (`Plan::in_language`); empty for the
    /// template as written.
    pub language: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
