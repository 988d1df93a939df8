//! The product catalogue: everyone in the program reads it (partners the
//! active products), vendor staff with `ManageProducts` keep it, one
//! product or family at a time or by CSV (`file`).

pub mod file;

use crate::error::{AppError, AppResult};
use crate::locale::{self, Locale};
use crate::ssr::entities::{product, product_family};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{self, products as repo_products};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::form::check;
use crate::types::localized::{submitted_versions, Texts, Translations};
use crate::types::product::{
    normalise_sku, CatalogueView, FamilyView, ProductFilter, ProductForm, ProductRow, ProductUnit,
    StoredProduct, MAX_FAMILY_NAME, MAX_PRODUCT_DESCRIPTION, MAX_PRODUCT_NAME,
};
use crate::types::views::IdName;
use crate::types::{Choice, FormErrors};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};

/// One page of the catalogue with every family, in the reader's language.
pub async fn catalogue(
    state: &AppState,
    actor: &Actor,
    mut filter: ProductFilter,
) -> AppResult<CatalogueView> {
    let scope = Scope::new(actor);
    let can_edit = actor.may(Permission::ManageProducts);
    if !can_edit {
        // Partners see active products only; a status filter means nothing.
        filter.status.clear();
    }
    let db = &state.db;
    let (rows, total, more) = repo_products::page(db, &scope, &filter).await?;
    let families = repo_products::families(db, &scope).await?;
    let sizes = repo_products::family_sizes(db, &scope).await?;
    let reader = locale::current();
    let family_names: HashMap<i64, String> = families
        .iter()
        .map(|f| (f.id, f.name_for(reader)))
        .collect();
    let next_after = more
        .then(|| rows.last().map(|p| p.id.to_string()))
        .flatten();
    Ok(CatalogueView {
        items: rows
            .iter()
            .map(|p| product_row(p, reader, &family_names))
            .collect(),
        total,
        next_after,
        families: families
            .iter()
            .map(|f| FamilyView {
                id: f.id,
                name: family_names.get(&f.id).cloned().unwrap_or_default(),
                products: sizes.get(&f.id).copied().unwrap_or(0),
                texts: can_edit.then(|| family_texts(f)),
            })
            // A partner's filter offers only families with something in them.
            .filter(|f| can_edit || f.products > 0)
            .collect(),
        can_edit,
    })
}

fn product_row(p: &product::Model, reader: Locale, families: &HashMap<i64, String>) -> ProductRow {
    ProductRow {
        id: p.id,
        sku: p.sku.clone(),
        name: p.name_for(reader),
        description: p.description_for(reader),
        family: families.get(&p.family_id).cloned().unwrap_or_default(),
        unit: p.unit,
        active: p.active,
    }
}

fn family_texts(f: &product_family::Model) -> Texts {
    Texts::of(&f.language, &f.translations, &[("name", &f.name)])
}

/// The product form: the stored product (`id`) or a new one.
pub async fn form(state: &AppState, actor: &Actor, id: Option<i64>) -> AppResult<ProductForm> {
    actor.require(Permission::ManageProducts)?;
    let scope = Scope::new(actor);
    let product = match id {
        Some(id) => Some(
            repo_products::visible(&state.db, &scope, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let reader = locale::current();
    let families = repo_products::families(&state.db, &scope)
        .await?
        .iter()
        .map(|f| IdName {
            id: f.id,
            name: f.name_for(reader),
        })
        .collect();
    Ok(ProductForm {
        product: product.map(|p| StoredProduct {
            id: p.id,
            sku: p.sku.clone(),
            family_id: p.family_id,
            unit: p.unit,
            active: p.active,
            texts: Texts::of(
                &p.language,
                &p.translations,
                &[("name", &p.name), ("description", &p.description)],
            ),
        }),
        families,
    })
}

/// The product form as posted.
#[derive(Clone, Debug, Default)]
pub struct ProductInput {
    pub id: Option<i64>,
    pub sku: String,
    /// A family id, as the form's select sends it.
    pub family: String,
    pub unit: Choice<ProductUnit>,
    pub active: bool,
    pub name: String,
    pub description: String,
    /// The language `name` and `description` are written in, and their
    /// versions in the others ("name_de" → text).
    pub language: String,
    pub versions: BTreeMap<String, String>,
}

/// A product form that passed its checks (the family is checked against
/// the database in [`save`]).
struct ValidProduct {
    sku: String,
    family_id: i64,
    unit: ProductUnit,
    name: String,
    description: String,
    language: Locale,
    translations: Translations,
}

fn validate_product(input: &ProductInput, errors: &mut FormErrors) -> Option<ValidProduct> {
    let sku = normalise_sku(&input.sku)
        .map_err(|problem| errors.add("sku", problem.message()))
        .ok();
    let family_id = input.family.trim().parse::<i64>().ok();
    if family_id.is_none() {
        errors.add("family", tr!(products.choose_family));
    }
    let unit = input
        .unit
        .require(errors, "unit", tr!(products.choose_unit));
    let name = check::required(
        errors,
        "name",
        &input.name,
        tr!(products.the_name),
        MAX_PRODUCT_NAME,
    );
    let description = check::optional(
        errors,
        "description",
        &crate::types::form::unix_line_breaks(&input.description),
        tr!(products.the_description),
        MAX_PRODUCT_DESCRIPTION,
    );
    let (language, translations) = submitted_versions(
        &input.language,
        &input.versions,
        &[
            ("name", MAX_PRODUCT_NAME),
            ("description", MAX_PRODUCT_DESCRIPTION),
        ],
        errors,
    );
    Some(ValidProduct {
        sku: sku?,
        family_id: family_id?,
        unit: unit?,
        name,
        description,
        language,
        translations,
    })
}

/// Creates (no `id`) or changes a product; returns its id.
pub async fn save(state: &AppState, actor: &Actor, mut input: ProductInput) -> AppResult<i64> {
    actor.require(Permission::ManageProducts)?;
    let scope = Scope::new(actor);
    let db = &state.db;
    let existing = match input.id {
        Some(id) => Some(
            repo_products::visible(db, &scope, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    // A changed product keeps the language it was written in.
    if let Some(p) = &existing {
        input.language = p.language.clone();
    }
    let mut errors = FormErrors::new().with_values(&[
        ("sku", &input.sku),
        ("family", &input.family),
        ("unit", &input.unit.raw()),
        ("name", &input.name),
        ("description", &input.description),
        ("active", if input.active { "on" } else { "" }),
    ]);
    let valid = validate_product(&input, &mut errors);
    if let Ok(family) = input.family.trim().parse::<i64>() {
        if family_in_program(state, &scope, family).await?.is_none() {
            errors.add("family", tr!(products.choose_family));
        }
    }
    if let Some(v) = &valid {
        // Editors are vendor staff, whose scope holds every product.
        let taken = scope
            .products()
            .filter(product::Column::Sku.eq(v.sku.as_str()))
            .one(db)
            .await?
            .filter(|other| Some(other.id) != input.id);
        if taken.is_some() {
            errors.add("sku", tr!(products.sku_taken));
        }
    }
    let (Some(v), true) = (valid, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let now = now();
    let mut m: product::ActiveModel = match existing {
        Some(p) => p.into(),
        None => product::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    m.sku = Set(v.sku);
    m.family_id = Set(v.family_id);
    m.unit = Set(v.unit);
    m.active = Set(input.active);
    m.name = Set(v.name);
    m.description = Set(v.description);
    m.language = Set(locale::code_of(v.language).to_owned());
    m.translations = Set(v.translations.to_column());
    m.updated_at = Set(now);
    let saved = if input.id.is_some() {
        m.update(db).await
    } else {
        m.insert(db).await
    };
    match saved {
        Ok(p) => Ok(p.id),
        // Another editor saved the same SKU a moment ago.
        Err(e) if repo::is_unique_violation(&e) => {
            let mut errors = FormErrors::new();
            errors.add("sku", tr!(products.sku_taken));
            Err(AppError::Invalid(errors))
        }
        Err(e) => Err(e.into()),
    }
}

async fn family_in_program(
    state: &AppState,
    scope: &Scope<'_>,
    id: i64,
) -> AppResult<Option<product_family::Model>> {
    Ok(scope
        .product_families()
        .filter(product_family::Column::Id.eq(id))
        .one(&state.db)
        .await?)
}

/// The family form as posted.
#[derive(Clone, Debug, Default)]
pub struct FamilyInput {
    pub id: Option<i64>,
    pub name: String,
    pub language: String,
    pub versions: BTreeMap<String, String>,
}

/// Creates (no `id`) or renames a family; returns its id.
pub async fn save_family(
    state: &AppState,
    actor: &Actor,
    mut input: FamilyInput,
) -> AppResult<i64> {
    actor.require(Permission::ManageProducts)?;
    let scope = Scope::new(actor);
    let db = &state.db;
    let existing = match input.id {
        Some(id) => Some(
            family_in_program(state, &scope, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    if let Some(f) = &existing {
        input.language = f.language.clone();
    }
    let mut errors = FormErrors::new().with_values(&[("name", &input.name)]);
    let name = check::required(
        &mut errors,
        "name",
        &input.name,
        tr!(products.the_family_name),
        MAX_FAMILY_NAME,
    );
    let (language, translations) = submitted_versions(
        &input.language,
        &input.versions,
        &[("name", MAX_FAMILY_NAME)],
        &mut errors,
    );
    if !name.is_empty() && family_named(state, &scope, &name, input.id).await? {
        errors.add("name", tr!(products.family_taken));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut m: product_family::ActiveModel = match existing {
        Some(f) => f.into(),
        None => product_family::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            created_at: Set(now()),
            ..Default::default()
        },
    };
    m.name = Set(name);
    m.language = Set(locale::code_of(language).to_owned());
    m.translations = Set(translations.to_column());
    let saved = if input.id.is_some() {
        m.update(db).await
    } else {
        m.insert(db).await
    };
    match saved {
        Ok(f) => Ok(f.id),
        Err(e) if repo::is_unique_violation(&e) => {
            let mut errors = FormErrors::new().with_values(&[("name", &input.name)]);
            errors.add("name", tr!(products.family_taken));
            Err(AppError::Invalid(errors))
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether another family already has this name (case-insensitively).
async fn family_named(
    state: &AppState,
    scope: &Scope<'_>,
    name: &str,
    except: Option<i64>,
) -> AppResult<bool> {
    let wanted = name.to_lowercase();
    Ok(repo_products::families(&state.db, scope)
        .await?
        .iter()
        .any(|f| Some(f.id) != except && f.name.to_lowercase() == wanted))
}
