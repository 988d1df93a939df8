use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub kind: crate::types::OrgKind,
    pub name: String,
    pub partner_type: Option<String>,
    pub tier: Option<String>,
    pub region: Option<String>,
    pub segment: Option<String>,
    pub parent_id: Option<i64>,
    pub channel_manager_id: Option<i64>,
    pub website: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub brand_color: String,
    /// Object-store key of the uploaded logo.
    pub logo_key: Option<String>,
    pub description: String,
    /// Where the partner sits, in millionths of a degree, as the vendor
    /// typed it, and the radius it serves around that point.
    pub latitude_e6: Option<i32>,
    pub longitude_e6: Option<i32>,
    pub service_radius_km: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
