use crate::types::localized::Published;
use sea_orm::entity::prelude::*;

/// A group of the program's products (access points, switches, licences).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "product_families")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub name: String,
    /// The language `name` is written in; versions in `translations`.
    pub language: String,
    pub translations: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::product::Entity")]
    Products,
}

impl Related<super::product::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Products.def()
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
    /// The name as a reader in `reader`'s language sees it.
    pub fn name_for(&self, reader: crate::locale::Locale) -> String {
        self.shown_to(reader, "name", &self.name)
    }
}

impl ActiveModelBehavior for ActiveModel {}
