use sea_orm::entity::prelude::*;

/// One download of a design: who, which template version, when, what format.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cobrand_exports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub design_id: i64,
    pub org_id: i64,
    pub template_id: i64,
    pub version_id: i64,
    pub format: crate::types::cobrand::ExportFormat,
    pub size_bytes: i64,
    pub user_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
