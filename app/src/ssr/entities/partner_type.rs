use crate::types::localized::Published;
use sea_orm::entity::prelude::*;

/// One of a program's partner types (reseller, MSP, distributor, …).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "partner_types")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    /// What partners and audiences keep: unique in the program, never
    /// changed.
    pub code: String,
    pub name: String,
    pub language: String,
    pub translations: String,
    /// Order in lists and forms.
    pub position: i32,
    /// Partners of this type have resellers under them.
    pub distributes: bool,
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
