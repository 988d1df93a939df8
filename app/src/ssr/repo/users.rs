use crate::ssr::entities::user;
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::Scope;
use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// Sign-in lookup: the only user query not bound to an actor, because there
/// is none yet. Still bound to the request's tenant.
pub async fn by_email(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    in_tenant::<user::Entity>(tenant_id)
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn by_id_in_tenant(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    id: i64,
) -> Result<Option<user::Model>, DbErr> {
    in_tenant::<user::Entity>(tenant_id)
        .filter(user::Column::Id.eq(id))
        .one(db)
        .await
}

pub async fn visible(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    id: i64,
) -> Result<Option<user::Model>, DbErr> {
    scope.users().filter(user::Column::Id.eq(id)).one(db).await
}

pub async fn list_visible(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
) -> Result<Vec<user::Model>, DbErr> {
    scope
        .users()
        .order_by_asc(user::Column::OrganizationId)
        .order_by_asc(user::Column::Name)
        .all(db)
        .await
}

pub async fn in_organization(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    organization_id: i64,
) -> Result<Vec<user::Model>, DbErr> {
    scope
        .users()
        .filter(user::Column::OrganizationId.eq(organization_id))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await
}

/// The active partner users of a partner company: who hears of its fund
/// decisions and deadlines.
pub async fn partner_people(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    organization_id: i64,
) -> Result<Vec<user::Model>, DbErr> {
    in_tenant::<user::Entity>(tenant_id)
        .filter(user::Column::OrganizationId.eq(organization_id))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in(crate::types::Role::PARTNER))
        .all(db)
        .await
}

pub struct NewUser<'a> {
    pub tenant_id: i64,
    pub organization_id: i64,
    pub email: &'a str,
    pub name: &'a str,
    pub role: crate::types::Role,
    pub password_hash: Option<String>,
    pub now: DateTime<Utc>,
    pub locale: Option<crate::locale::Locale>,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewUser<'_>) -> Result<user::Model, DbErr> {
    let handle = free_handle(db, new.tenant_id, new.name).await?;
    user::ActiveModel {
        tenant_id: Set(new.tenant_id),
        organization_id: Set(new.organization_id),
        email: Set(new.email.to_owned()),
        name: Set(new.name.to_owned()),
        role: Set(new.role),
        password_hash: Set(new.password_hash),
        active: Set(true),
        version: Set(1),
        created_at: Set(new.now),
        last_sign_in_at: Set(None),
        handle: Set(handle),
        locale: Set(new.locale.map(|l| crate::locale::code_of(l).to_owned())),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Sets a user's password and spends every reset link still open for them:
/// a link mailed before the change must not undo it (the one place a
/// password changes, so no path can forget).
pub async fn set_password(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    id: i64,
    hash: String,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    use crate::ssr::entities::password_reset;
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(tenant_is::<password_reset::Entity>(tenant_id))
        .filter(password_reset::Column::UserId.eq(id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(
            user::Column::Version,
            Expr::col(user::Column::Version).add(1),
        )
        .filter(tenant_is::<user::Entity>(tenant_id))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn set_active(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    id: i64,
    active: bool,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::Active, Expr::value(active))
        .col_expr(
            user::Column::Version,
            Expr::col(user::Column::Version).add(1),
        )
        .filter(tenant_is::<user::Entity>(tenant_id))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Records a sign-in; a user who never chose a language keeps the one they
/// signed in with (the page's), so their mails are in it too.
pub async fn touch_sign_in(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
    locale: crate::locale::Locale,
) -> Result<(), DbErr> {
    let kept_or_first = sea_orm::sea_query::Func::coalesce([
        Expr::col(user::Column::Locale),
        Expr::value(crate::locale::code_of(locale)),
    ]);
    user::Entity::update_many()
        .col_expr(user::Column::LastSignInAt, Expr::value(now))
        .col_expr(user::Column::Locale, kept_or_first.into())
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Names of users by id, within the tenant (for "managed by" labels).
pub async fn names(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    ids: Vec<i64>,
) -> Result<Vec<(i64, String)>, DbErr> {
    use sea_orm::QuerySelect;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(tenant_is::<user::Entity>(tenant_id))
        .filter(user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await
}

/// A handle for @mentions derived from the name, with a number appended when
/// the tenant already has it ("maya.lin", "maya.lin2").
async fn free_handle(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    name: &str,
) -> Result<String, DbErr> {
    use sea_orm::QuerySelect;
    let base = crate::forum::mention::handle_base(name);
    let taken: Vec<String> = user::Entity::find()
        .select_only()
        .column(user::Column::Handle)
        .filter(tenant_is::<user::Entity>(tenant_id))
        .filter(user::Column::Handle.starts_with(&base))
        .into_tuple()
        .all(db)
        .await?;
    Ok((1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}{n}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(base))
}

/// Users of the tenant by handle (for @mentions).
pub async fn by_handles(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    handles: Vec<String>,
) -> Result<Vec<user::Model>, DbErr> {
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    in_tenant::<user::Entity>(tenant_id)
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Handle.is_in(handles))
        .all(db)
        .await
}
