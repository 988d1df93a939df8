//! A program's partner types: loaded once per request where types are
//! named or offered ([`ProgramTypes`]), kept by vendor admins on `/tiers`
//! next to the tiers (names in two languages; which of them distribute).

use crate::error::{AppError, AppResult};
use crate::locale::{self, Locale};
use crate::ssr::entities::partner_type;
use crate::ssr::permission::Permission;
use crate::ssr::repo;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::by_code::{ByCode, Coded};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::form::check;
use crate::types::localized::{submitted_versions, Texts, Translations};
use crate::types::tier::{code_from_name, PartnerTypeView, MAX_TIER_NAME};
use crate::types::FormErrors;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// The program's partner types, in its order.
pub type ProgramTypes = ByCode<partner_type::Model>;

impl Coded for partner_type::Model {
    fn code(&self) -> &str {
        &self.code
    }

    fn name_for(&self, reader: Locale) -> String {
        partner_type::Model::name_for(self, reader)
    }
}

impl ProgramTypes {
    pub async fn load(db: &impl ConnectionTrait, tenant_id: i64) -> Result<Self, DbErr> {
        Ok(ByCode(
            in_tenant::<partner_type::Entity>(tenant_id)
                .order_by_asc(partner_type::Column::Position)
                .order_by_asc(partner_type::Column::Id)
                .all(db)
                .await?,
        ))
    }

    /// Whether partners of this type have resellers under them.
    pub fn distributes(&self, code: Option<&str>) -> bool {
        code.and_then(|c| self.find(c))
            .is_some_and(|t| t.distributes)
    }

    /// The types as the tiers page lists them, with their partner counts.
    pub fn views(&self, sizes: &HashMap<String, u64>, can_edit: bool) -> Vec<PartnerTypeView> {
        let reader = locale::current();
        self.0
            .iter()
            .map(|t| PartnerTypeView {
                id: t.id,
                code: t.code.clone(),
                name: t.name_for(reader),
                distributes: t.distributes,
                partners: sizes.get(&t.code).copied().unwrap_or(0),
                texts: can_edit
                    .then(|| Texts::of(&t.language, &t.translations, &[("name", &t.name)])),
            })
            .collect()
    }
}

/// The partner type form as posted.
#[derive(Clone, Debug, Default)]
pub struct TypeInput {
    pub id: Option<i64>,
    pub name: String,
    pub language: String,
    pub versions: BTreeMap<String, String>,
    pub distributes: bool,
}

/// Creates (no `id`) or renames a partner type; a new type's code comes
/// from its name. Returns the code.
pub async fn save(state: &AppState, actor: &Actor, mut input: TypeInput) -> AppResult<String> {
    actor.require(Permission::ManageTiersAndTypes)?;
    let db = &state.db;
    let types = ProgramTypes::load(db, actor.tenant_id).await?;
    let existing = match input.id {
        Some(id) => Some(
            types
                .0
                .iter()
                .find(|t| t.id == id)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    if let Some(t) = &existing {
        input.language = t.language.clone();
    }
    let mut e = FormErrors::new().with_values(&[("name", &input.name)]);
    let name = check::required(
        &mut e,
        "name",
        &input.name,
        tr!(tiers.the_type_name),
        MAX_TIER_NAME,
    );
    let (language, translations) = submitted_versions(
        &input.language,
        &input.versions,
        &[("name", MAX_TIER_NAME)],
        &mut e,
    );
    let wanted = name.to_lowercase();
    let code = code_from_name(&name);
    let clash = types.0.iter().any(|t| {
        Some(t.id) != input.id
            && (t.name.to_lowercase() == wanted || (existing.is_none() && t.code == code))
    });
    if !name.is_empty() && (clash || (existing.is_none() && code.is_empty())) {
        e.add("name", tr!(tiers.type_taken));
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let saved = write(
        db,
        actor,
        existing,
        code,
        name,
        (language, translations),
        input.distributes,
        &types,
    )
    .await;
    match saved {
        Ok(t) => Ok(t.code),
        Err(err) if repo::is_unique_violation(&err) => {
            let mut e = FormErrors::new().with_values(&[("name", &input.name)]);
            e.add("name", tr!(tiers.type_taken));
            Err(AppError::Invalid(e))
        }
        Err(err) => Err(err.into()),
    }
}

#[allow(clippy::too_many_arguments)]
async fn write(
    db: &impl ConnectionTrait,
    actor: &Actor,
    existing: Option<partner_type::Model>,
    code: String,
    name: String,
    (language, translations): (Locale, Translations),
    distributes: bool,
    types: &ProgramTypes,
) -> Result<partner_type::Model, DbErr> {
    let is_new = existing.is_none();
    let mut m: partner_type::ActiveModel = match existing {
        Some(t) => t.into(),
        None => partner_type::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            code: Set(code),
            position: Set(i32::try_from(types.0.len()).unwrap_or(i32::MAX) + 1),
            created_at: Set(now()),
            ..Default::default()
        },
    };
    m.name = Set(name);
    m.language = Set(locale::code_of(language).to_owned());
    m.translations = Set(translations.to_column());
    m.distributes = Set(distributes);
    if is_new {
        m.insert(db).await
    } else {
        m.update(db).await
    }
}

/// The six types every new program starts with, as the migration gave
/// existing programs.
pub async fn create_defaults(db: &impl ConnectionTrait, tenant_id: i64) -> Result<(), DbErr> {
    /// (code, name, German name, distributes)
    const DEFAULTS: [(&str, &str, &str, bool); 6] = [
        ("reseller", "Reseller", "Wiederverkäufer", false),
        ("var", "Value-added reseller", "Value-Added Reseller", false),
        (
            "msp",
            "Managed service provider",
            "Managed Service Provider",
            false,
        ),
        (
            "system_integrator",
            "System integrator",
            "Systemintegrator",
            false,
        ),
        ("distributor", "Distributor", "", true),
        ("isv", "ISV", "", false),
    ];
    for (position, (code, name, german, distributes)) in (1..).zip(DEFAULTS) {
        let mut versions = Translations::default();
        if !german.is_empty() {
            versions.set(Locale::de, "name", german);
        }
        partner_type::ActiveModel {
            tenant_id: Set(tenant_id),
            code: Set(code.to_owned()),
            name: Set(name.to_owned()),
            language: Set("en".to_owned()),
            translations: Set(versions.to_column()),
            position: Set(position),
            distributes: Set(distributes),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
