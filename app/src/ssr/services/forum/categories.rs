//! Categories: who sees them, and vendor staff creating and changing them.

use super::Access;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{forum_category as category, forum_watch as watch};
use crate::ssr::permission::Permission;
use crate::ssr::scope::audience as audience_of;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::forum::WatchTarget;
use crate::types::forum::{CategoryView, CategoryVisibility, WatchLevel};
use crate::types::{Choice, FormErrors, PartnerType, Tier};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter,
};
use std::collections::HashMap;

/// tr!(forum.all_partners), "Gold, Platinum · Managed service provider", "Vendor staff only".
pub fn audience(c: &category::Model) -> String {
    if c.visibility == CategoryVisibility::Staff {
        return CategoryVisibility::Staff.label().into();
    }
    let tiers: Vec<&str> = audience_of(&c.audience_tiers)
        .into_iter()
        .map(|t| Tier::parse(t).map_or(t, |x| x.label()))
        .collect();
    let types: Vec<&str> = audience_of(&c.audience_types)
        .into_iter()
        .map(|t| PartnerType::parse(t).map_or(t, |x| x.label()))
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
    Ok(access
        .categories
        .iter()
        .map(|c| CategoryView {
            id: c.id,
            name: c.name.clone(),
            description: c.description.clone(),
            visibility: c.visibility,
            audience: audience(c),
            tiers: audience_of(&c.audience_tiers)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            types: audience_of(&c.audience_types)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            watch: levels.get(&c.id).copied().unwrap_or(WatchLevel::Normal),
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
}

pub async fn save(state: &AppState, actor: &Actor, input: CategoryInput) -> AppResult<i64> {
    actor.require(Permission::ManageForumCategories)?;
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
    let Some(visibility) = input.visibility.known() else {
        errors.add("visibility", tr!(forum.choose_visibility));
        return Err(AppError::Invalid(errors));
    };
    let tiers: Vec<&str> = input
        .tiers
        .iter()
        .filter_map(|t| Tier::parse(t).map(Tier::as_str))
        .collect();
    let types: Vec<&str> = input
        .types
        .iter()
        .filter_map(|t| PartnerType::parse(t).map(PartnerType::as_str))
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
    let db = &state.db;
    match input.id {
        Some(id) => {
            let existing = in_tenant::<category::Entity>(actor.tenant_id)
                .filter(category::Column::Id.eq(id))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut m: category::ActiveModel = existing.into();
            m.name = Set(name.to_owned());
            m.description = Set(input.description.trim().to_owned());
            m.visibility = Set(visibility);
            m.audience_tiers = Set(tiers);
            m.audience_types = Set(types);
            m.update(db).await?;
            Ok(id)
        }
        None => {
            let position = in_tenant::<category::Entity>(actor.tenant_id)
                .count(db)
                .await?;
            let m = category::ActiveModel {
                tenant_id: Set(actor.tenant_id),
                name: Set(name.to_owned()),
                description: Set(input.description.trim().to_owned()),
                visibility: Set(visibility),
                audience_tiers: Set(tiers),
                audience_types: Set(types),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                created_at: Set(now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(m.id)
        }
    }
}
