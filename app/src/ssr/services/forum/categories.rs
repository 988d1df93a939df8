//! Categories: who sees them, and vendor staff creating and changing them.

use super::Access;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{forum_category as category, forum_watch as watch};
use crate::ssr::permission::Permission;
use crate::ssr::scope::audience as audience_of;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::services::tiers::Audiences;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::forum::WatchTarget;
use crate::types::forum::{CategoryView, CategoryVisibility, WatchLevel};
use crate::types::localized::{submitted_versions, Texts};
use crate::types::{Choice, FormErrors};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter,
};
use std::collections::BTreeMap;
use std::collections::HashMap;

/// tr!(forum.all_partners), "Gold, Platinum · Managed service provider", "Vendor staff only".
pub fn audience(c: &category::Model, program: &Audiences) -> String {
    if c.visibility == CategoryVisibility::Staff {
        return CategoryVisibility::Staff.label().into();
    }
    let reader = crate::locale::current();
    let tiers: Vec<String> = audience_of(&c.audience_tiers)
        .into_iter()
        .map(|t| program.tiers.name(t, reader))
        .collect();
    let types: Vec<String> = audience_of(&c.audience_types)
        .into_iter()
        .map(|t| program.types.name(t, reader))
        .collect();
    match (tiers.is_empty(), types.is_empty()) {
        (true, true) => tr!(forum.all_partners).into(),
        (false, true) => tr!(forum.tier_partners, tiers = tiers.join(", ")).to_string(),
        (true, false) => types.join(", "),
        (false, false) => format!("{} · {}", tiers.join(", "), types.join(", ")),
    }
}

/// The actor's watch levels for targets of one kind: all of them, or just
/// `only` (a topic page needs one row, not every topic the user replied in).
pub async fn watch_levels(
    db: &impl ConnectionTrait,
    actor: &Actor,
    kind: WatchTarget,
    only: Option<i64>,
) -> AppResult<HashMap<i64, WatchLevel>> {
    let mut q = in_tenant::<watch::Entity>(actor.tenant_id)
        .filter(watch::Column::UserId.eq(actor.user_id))
        .filter(watch::Column::TargetKind.eq(kind));
    if let Some(id) = only {
        q = q.filter(watch::Column::TargetId.eq(id));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .map(|w| (w.target_id, w.level))
        .collect())
}

pub async fn views(db: &impl ConnectionTrait, access: &Access<'_>) -> AppResult<Vec<CategoryView>> {
    let levels = watch_levels(db, access.actor, WatchTarget::Category, None).await?;
    let reader = crate::locale::current();
    let manager = access.actor.may(Permission::ManageForumCategories);
    let tiers = Audiences::load(db, access.actor.tenant_id).await?;
    Ok(access
        .categories
        .iter()
        .map(|c| CategoryView {
            id: c.id,
            name: c.name_for(reader),
            description: c.description_for(reader),
            visibility: c.visibility,
            audience: audience(c, &tiers),
            tiers: audience_of(&c.audience_tiers)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            types: audience_of(&c.audience_types)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            watch: levels.get(&c.id).copied().unwrap_or(WatchLevel::Normal),
            texts: manager.then(|| {
                Texts::of(
                    &c.language,
                    &c.translations,
                    &[("name", &c.name), ("description", &c.description)],
                )
            }),
        })
        .collect())
}

pub struct CategoryInput {
    /// None creates a category.
    pub id: Option<i64>,
    pub name: String,
    pub description: String,
    pub visibility: Choice<CategoryVisibility>,
    pub tiers: Vec<String>,
    pub types: Vec<String>,
    /// The language `name` and `description` are written in, and their
    /// versions in the others ("name_de" → text).
    pub language: String,
    pub versions: BTreeMap<String, String>,
}

/// A category form that passed its checks.
struct Valid {
    name: String,
    description: String,
    visibility: CategoryVisibility,
    tiers: String,
    types: String,
    language: crate::locale::Locale,
    translations: crate::types::localized::Translations,
}

fn validate(input: &CategoryInput, program: &Audiences) -> AppResult<Valid> {
    let mut errors = FormErrors::new()
        .with_values(&[("name", &input.name), ("description", &input.description)]);
    let name = input.name.trim();
    if name.is_empty() {
        errors.add("name", tr!(forum.category_name_missing));
    } else if name.chars().count() > 60 {
        errors.add("name", tr!(forum.category_name_long));
    }
    if input.description.chars().count() > 300 {
        errors.add("description", tr!(forum.category_description_long));
    }
    let (language, translations) = submitted_versions(
        &input.language,
        &input.versions,
        &[("name", 60), ("description", 300)],
        &mut errors,
    );
    let Some(visibility) = input.visibility.known() else {
        errors.add("visibility", tr!(forum.choose_visibility));
        return Err(AppError::Invalid(errors));
    };
    let tiers: Vec<&str> = input
        .tiers
        .iter()
        .map(String::as_str)
        .filter(|t| program.tiers.knows(t))
        .collect();
    let types: Vec<&str> = input
        .types
        .iter()
        .map(String::as_str)
        .filter(|t| program.types.knows(t))
        .collect();
    if tiers.len() != input.tiers.len() || types.len() != input.types.len() {
        errors.add("visibility", tr!(forum.choose_audience));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (tiers, types) = if visibility == CategoryVisibility::Staff {
        (String::new(), String::new())
    } else {
        (tiers.join(","), types.join(","))
    };
    Ok(Valid {
        name: name.to_owned(),
        description: input.description.trim().to_owned(),
        visibility,
        tiers,
        types,
        language,
        translations,
    })
}

pub async fn save(state: &AppState, actor: &Actor, mut input: CategoryInput) -> AppResult<i64> {
    actor.require(Permission::ManageForumCategories)?;
    let db = &state.db;
    let existing = match input.id {
        Some(id) => Some(
            in_tenant::<category::Entity>(actor.tenant_id)
                .filter(category::Column::Id.eq(id))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    // A changed category keeps the language it was written in.
    if let Some(c) = &existing {
        input.language = c.language.clone();
    }
    let program = Audiences::load(db, actor.tenant_id).await?;
    let v = validate(&input, &program)?;
    let mut m: category::ActiveModel = match existing {
        Some(c) => c.into(),
        None => {
            let position = in_tenant::<category::Entity>(actor.tenant_id)
                .count(db)
                .await?;
            category::ActiveModel {
                tenant_id: Set(actor.tenant_id),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                created_at: Set(now()),
                ..Default::default()
            }
        }
    };
    m.name = Set(v.name);
    m.description = Set(v.description);
    m.visibility = Set(v.visibility);
    m.audience_tiers = Set(v.tiers);
    m.audience_types = Set(v.types);
    m.language = Set(crate::locale::code_of(v.language).to_owned());
    m.translations = Set(v.translations.to_column());
    let saved = if input.id.is_some() {
        m.update(db).await?
    } else {
        m.insert(db).await?
    };
    Ok(saved.id)
}
