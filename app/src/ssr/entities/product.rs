use crate::types::localized::Published;
use crate::types::product::ProductUnit;
use sea_orm::entity::prelude::*;

/// One product of the program's catalogue. Never deleted (deals and price
/// lists point at it): a product no longer sold is made inactive.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub family_id: i64,
    /// Trimmed, in capitals (`types::product::normalise_sku`).
    pub sku: String,
    pub name: String,
    pub description: String,
    pub unit: ProductUnit,
    pub active: bool,
    /// The language `name` and `description` are written in; versions in
    /// `translations`.
    pub language: String,
    pub translations: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::product_family::Entity",
        from = "Column::FamilyId",
        to = "super::product_family::Column::Id"
    )]
    Family,
}

impl Related<super::product_family::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Family.def()
    }
}

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

    pub fn description_for(&self, reader: crate::locale::Locale) -> String {
        self.shown_to(reader, "description", &self.description)
    }
}

impl ActiveModelBehavior for ActiveModel {}
