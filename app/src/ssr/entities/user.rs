use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub organization_id: i64,
    pub email: String,
    pub name: String,
    pub role: crate::types::Role,
    pub password_hash: Option<String>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub last_sign_in_at: Option<DateTimeUtc>,
    /// Unique per tenant; what @mentions use.
    pub handle: String,
    /// IANA name; times are shown, and typed send times read, in it.
    pub time_zone: String,
    /// Catalogue code ("en", "de") of the user's language (`locale::parse`);
    /// none until they choose or first sign in.
    pub locale: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id"
    )]
    Organization,
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The user's language, once they chose one or signed in.
    pub fn language(&self) -> Option<crate::locale::Locale> {
        self.locale.as_deref().and_then(crate::locale::parse)
    }
}
