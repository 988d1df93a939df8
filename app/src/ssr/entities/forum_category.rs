use crate::types::localized::Published;
use sea_orm::entity::prelude::*;

/// A forum category and who may see it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_categories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub name: String,
    pub description: String,
    /// "partners" (narrowed by the audience lists) or "staff".
    pub visibility: crate::types::forum::CategoryVisibility,
    /// Comma-separated; empty means every partner.
    pub audience_tiers: String,
    pub audience_types: String,
    pub position: i32,
    pub created_at: DateTimeUtc,
    /// The language the texts above are written in ("en", "de").
    pub language: String,
    /// Their versions in other languages (`types::localized::Translations`).
    pub translations: String,
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
    /// The name as a reader in `reader`'s language sees it.
    pub fn name_for(&self, reader: crate::locale::Locale) -> String {
        self.shown_to(reader, "name", &self.name)
    }

    /// The description as a reader in `reader`'s language sees it.
    pub fn description_for(&self, reader: crate::locale::Locale) -> String {
        self.shown_to(reader, "description", &self.description)
    }
}

impl ActiveModelBehavior for ActiveModel {}
