use sea_orm::entity::prelude::*;

/// One area of a partner's territory: a country, or one region or postcode
/// prefix of it (empty: the whole country).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "territories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub partner_id: i64,
    /// ISO 3166-1 alpha-2, in capitals.
    pub country: String,
    pub region: String,
    /// Compared by `types::territory::postcode_key`, stored that way.
    pub postcode_prefix: String,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
