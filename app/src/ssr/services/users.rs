//! User management: who is in the program, pending invitations, and
//! (de)activating accounts.

use super::invitations::grantable_roles;
use super::present::user_row;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::invitation;
use crate::ssr::permission::{On, Permission};
use crate::ssr::repo::{sessions, users};
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::views::{InvitationRow, OrgChoice, UserAdmin};
use crate::types::{OrgKind, Role};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn admin_view(state: &AppState, actor: &Actor) -> AppResult<UserAdmin> {
    actor.require(Permission::ManageUsers)?;
    let scope = Scope::new(actor);
    let db = &state.db;
    // A partner admin's scope is their own company.
    let orgs = scope
        .organizations()
        .order_by_asc(crate::ssr::entities::organization::Column::Kind)
        .order_by_asc(crate::ssr::entities::organization::Column::Name)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    let rows = users::list_visible(db, &scope).await?;
    let now = super::now();
    let pending = scope
        .invitations()
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db)
        .await?;
    let mut roles: Vec<Role> = Vec::new();
    for kind in [OrgKind::Vendor, OrgKind::Partner] {
        for role in grantable_roles(actor, kind) {
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
    }
    Ok(UserAdmin {
        users: rows
            .iter()
            .filter(|u| names.contains_key(&u.organization_id))
            .map(|u| user_row(actor, u, &names))
            .collect(),
        invitations: pending
            .into_iter()
            .filter(|i| names.contains_key(&i.organization_id))
            .map(|i| InvitationRow {
                id: i.id,
                role: i.role,
                organization_name: names.get(&i.organization_id).cloned().unwrap_or_default(),
                expires_on: actor.date(i.expires_at),
                email: i.email,
            })
            .collect(),
        organizations: orgs
            .iter()
            .map(|o| OrgChoice {
                id: o.id,
                name: o.name.clone(),
                kind: o.kind,
            })
            .collect(),
        roles,
    })
}

/// Deactivating also ends the user's sessions at once.
pub async fn set_active(
    state: &AppState,
    actor: &Actor,
    user_id: i64,
    active: bool,
) -> AppResult<()> {
    actor.require(Permission::ManageUsers)?;
    if user_id == actor.user_id {
        return Err(AppError::Conflict(tr!(users.not_yourself).into()));
    }
    let scope = Scope::new(actor);
    let target = users::visible(&state.db, &scope, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.may_on(Permission::ManageUsers, On::Company(target.organization_id)) {
        return Err(AppError::NotFound);
    }
    users::set_active(&state.db, actor.tenant_id, target.id, active).await?;
    if !active {
        sessions::delete_for_user(&state.db, actor.tenant_id, target.id).await?;
    }
    Ok(())
}
