use crate::types::localized::Published;
use sea_orm::entity::prelude::*;

/// A vendor's through-channel campaign ("campaign in a box").
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub name: String,
    pub goal: String,
    pub description: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub audience_tiers: String,
    pub audience_types: String,
    pub audience_regions: String,
    pub email_template_id: Option<i64>,
    pub email_subject: String,
    pub asset_template_ids: String,
    pub social_template_id: Option<i64>,
    pub social_copy: String,
    pub schedule: String,
    pub status: crate::types::campaign::CampaignStatus,
    pub published_at: Option<DateTimeUtc>,
    pub version: i32,
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

    /// The goal as a reader in `reader`'s language sees it.
    pub fn goal_for(&self, reader: crate::locale::Locale) -> String {
        self.shown_to(reader, "goal", &self.goal)
    }

    /// The description as a reader in `reader`'s language sees it.
    pub fn description_for(&self, reader: crate::locale::Locale) -> String {
        self.shown_to(reader, "description", &self.description)
    }
}

impl ActiveModelBehavior for ActiveModel {}
