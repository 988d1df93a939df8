use crate::types::localized::Published;
use sea_orm::entity::prelude::*;

/// A vendor's co-branding template; its content lives in versions.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cobrand_templates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub name: String,
    pub description: String,
    /// `svg` or `email`.
    pub kind: crate::types::cobrand::TemplateKind,
    pub format: crate::types::cobrand::TemplateFormat,
    pub status: crate::types::cobrand::TemplateStatus,
    pub requires_approval: bool,
    pub audience_tiers: String,
    pub audience_types: String,
    pub published_version_id: Option<i64>,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
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
