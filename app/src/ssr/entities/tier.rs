use crate::types::localized::Published;
use sea_orm::entity::prelude::*;

/// One of a program's tiers, with its benefits.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tiers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    /// What partners, audiences and tier pools keep: unique in the
    /// program, never changed.
    pub code: String,
    pub name: String,
    pub language: String,
    pub translations: String,
    /// 1 is the highest.
    pub rank: i32,
    pub deal_protection_days: i32,
    /// Share of distributed leads, in percent of a normal share.
    pub lead_weight: i32,
    /// Co-op accrual on partner revenue, in basis points.
    pub mdf_accrual_bp: i32,
    /// Discount off list price, in basis points.
    pub discount_bp: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl Published for Model {
    fn language(&self) -> &str {
        &self.language
    }

    fn translations(&self) -> &str {
        &self.translations
    }
}

impl Model {
    pub fn name_for(&self, reader: crate::locale::Locale) -> String {
        self.shown_to(reader, "name", &self.name)
    }
}

impl ActiveModelBehavior for ActiveModel {}
