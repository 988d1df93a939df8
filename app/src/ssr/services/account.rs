//! The signed-in user's own account: their name, time zone and password.

use crate::error::{AppError, AppResult};
use crate::locale::Locale;
use crate::ssr::entities::{session, user};
use crate::ssr::repo::{begin_write, users};
use crate::ssr::scope::tenant_is;
use crate::ssr::{password, Actor, AppState};
use crate::tr;
use crate::types::form::check;
use crate::types::FormErrors;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Writes one column of the signed-in user's own row.
async fn set_own(
    state: &AppState,
    actor: &Actor,
    column: user::Column,
    value: impl Into<sea_orm::Value>,
) -> AppResult<()> {
    user::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(tenant_is::<user::Entity>(actor.tenant_id))
        .filter(user::Column::Id.eq(actor.user_id))
        .exec(&state.db)
        .await?;
    Ok(())
}

pub async fn rename(state: &AppState, actor: &Actor, raw: &str) -> AppResult<()> {
    let mut e = FormErrors::new().with_values(&[("name", raw)]);
    let name = check::required(&mut e, "name", raw, tr!(checks.your_name), 100);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    set_own(state, actor, user::Column::Name, name).await
}

/// Sets the user's time zone: one of the names `local_time::zones` offers.
pub async fn set_time_zone(state: &AppState, actor: &Actor, raw: &str) -> AppResult<()> {
    let zone = raw.trim();
    if !crate::ssr::local_time::zones().contains(&zone) {
        let mut e = FormErrors::new().with_values(&[("zone", raw)]);
        e.add("zone", tr!(account.zone_unknown));
        return Err(AppError::Invalid(e));
    }
    set_own(state, actor, user::Column::TimeZone, zone).await
}

/// The language a switch submitted, or a field error.
pub fn chosen_locale(raw: &str) -> AppResult<Locale> {
    crate::locale::parse(raw).ok_or_else(|| {
        let mut e = FormErrors::new().with_values(&[("lang", raw)]);
        e.add("lang", tr!(language.unknown));
        AppError::Invalid(e)
    })
}

/// The user's own language: their pages and the mails sent to them.
pub async fn set_locale(state: &AppState, actor: &Actor, locale: Locale) -> AppResult<()> {
    let code = crate::locale::code_of(locale);
    set_own(state, actor, user::Column::Locale, code).await
}

/// Changes the password after checking the current one, and signs out every
/// other session (this one stays).
pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    current: String,
    new: String,
    confirm: String,
) -> AppResult<()> {
    let mut e = FormErrors::new();
    if current.is_empty() {
        e.add("current", tr!(account.enter_current));
    }
    check::new_password(&mut e, &new, &confirm);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let me = users::by_id_in_tenant(&state.db, actor.tenant_id, actor.user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !password::verify(current, me.password_hash).await {
        return Err(AppError::invalid("current", tr!(account.wrong_current)));
    }
    let hash = password::hash(new).await?;
    let txn = begin_write(&state.db).await?;
    users::set_password(&txn, actor.tenant_id, actor.user_id, hash, super::now()).await?;
    session::Entity::delete_many()
        .filter(tenant_is::<session::Entity>(actor.tenant_id))
        .filter(session::Column::UserId.eq(actor.user_id))
        .filter(session::Column::Id.ne(actor.session_id.as_str()))
        .exec(&txn)
        .await?;
    Ok(txn.commit().await?)
}
