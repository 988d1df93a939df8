//! Invitations: a vendor admin invites people into any organisation of the
//! program; a partner admin invites colleagues into their own company.

use super::auth::{self, NewSession};
use crate::error::{AppError, AppResult};
use crate::locale::Locale;
use crate::ssr::context::RequestTenant;
use crate::ssr::entities::{invitation, organization};
use crate::ssr::permission::{On, Permission};
use crate::ssr::repo::{auth_tokens, begin_write, organizations, users};
use crate::ssr::scope::tenant_is;
use crate::ssr::{password, tokens, Actor, AppState, Scope};
use crate::tr;
use crate::types::form::check;
use crate::types::views::InvitationInfo;
use crate::types::{Choice, Email, FormErrors, OrgKind, Role};
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

const VALID_DAYS: i64 = 7;
/// The one answer for every unusable invitation link (no hint which).
fn invalid_link() -> AppError {
    AppError::Conflict(crate::tr!(auth.invitation_invalid).into())
}

/// Roles `actor` may hand out in an organisation of `kind`.
pub fn grantable_roles(actor: &Actor, kind: OrgKind) -> Vec<Role> {
    match (actor.role, kind) {
        (Role::VendorAdmin, OrgKind::Vendor) => Role::VENDOR.to_vec(),
        (Role::VendorAdmin, OrgKind::Partner) | (Role::PartnerAdmin, OrgKind::Partner) => {
            Role::PARTNER.to_vec()
        }
        _ => Vec::new(),
    }
}

/// Invitations one person may send in an hour: enough to onboard a whole
/// partner's team in one sitting, too few to use the portal as a mailer.
pub const MAX_INVITATIONS_PER_HOUR: u64 = 30;

/// The invitation form as submitted.
pub struct InviteForm<'a> {
    pub organization: &'a str,
    pub email: &'a str,
    pub role: &'a Choice<Role>,
    /// The mail's language code; the inviter's page language when absent.
    pub lang: Option<&'a str>,
}

pub async fn invite(state: &AppState, actor: &Actor, form: InviteForm<'_>) -> AppResult<()> {
    actor.require(Permission::ManageUsers)?;
    let invitee = invitee(state, actor, &form).await?;
    let now = super::now();
    let (token, hash) = tokens::issue();
    let txn = begin_write(&state.db).await?;
    // Counted inside the write transaction, so parallel sends queue behind it.
    let sent_lately = auth_tokens::invitations_sent_since(
        &txn,
        actor.tenant_id,
        actor.user_id,
        now - Duration::hours(1),
    )
    .await?;
    if sent_lately >= MAX_INVITATIONS_PER_HOUR {
        return Err(AppError::RateLimited(60));
    }
    let email = invitee.email.as_str();
    auth_tokens::revoke_open_for(&txn, actor.tenant_id, invitee.org.id, email, now).await?;
    auth_tokens::insert_invitation(
        &txn,
        auth_tokens::NewInvitation {
            tenant_id: actor.tenant_id,
            organization_id: invitee.org.id,
            email,
            role: invitee.role,
            token_hash: hash,
            invited_by: actor.user_id,
            now,
            expires_at: now + Duration::days(VALID_DAYS),
        },
    )
    .await?;
    // Send before committing: if the mail cannot go out, no dangling invitation.
    mail_invitation(state, &txn, actor, &invitee, &token).await?;
    Ok(txn.commit().await?)
}

/// Who is invited, where and as what.
struct Invitee {
    email: Email,
    org: organization::Model,
    role: Role,
    /// The invitation mail's language.
    lang: Locale,
}

/// The invitation form checked: a company the actor manages users of, a
/// role they may grant there, an address without an account yet.
async fn invitee(state: &AppState, actor: &Actor, form: &InviteForm<'_>) -> AppResult<Invitee> {
    let (organization_raw, email_raw, role) = (form.organization, form.email, form.role);
    let lang_raw = form.lang.unwrap_or("").trim();
    let mut e = FormErrors::new().with_values(&[
        ("organization_id", organization_raw),
        ("email", email_raw),
        ("role", &role.raw()),
        ("lang", lang_raw),
    ]);
    let lang = if lang_raw.is_empty() {
        Some(crate::locale::current())
    } else {
        crate::locale::parse(lang_raw)
    };
    if lang.is_none() {
        e.add("lang", crate::tr!(language.unknown));
    }
    let email = check::email(&mut e, "email", email_raw);
    let org = match organization_raw.parse::<i64>() {
        Ok(id) => organizations::visible(&state.db, &Scope::new(actor), id).await?,
        Err(_) => None,
    };
    let org = org.filter(|org| actor.may_on(Permission::ManageUsers, On::Company(org.id)));
    if org.is_none() {
        e.add("organization_id", crate::tr!(users.choose_company));
    }
    let role = role.known();
    if let Some(org) = &org {
        if !role.is_some_and(|r| grantable_roles(actor, org.kind).contains(&r)) {
            let organization = &org.name;
            e.add(
                "role",
                crate::tr!(users.choose_role, organization).to_string(),
            );
        }
    }
    if let Some(email) = &email {
        if users::by_email(&state.db, actor.tenant_id, email.as_str())
            .await?
            .is_some()
        {
            e.add("email", crate::tr!(users.has_account));
        }
    }
    match (email, org, role, lang) {
        (Some(email), Some(org), Some(role), Some(lang)) if e.is_empty() => Ok(Invitee {
            email,
            org,
            role,
            lang,
        }),
        _ => Err(AppError::Invalid(e)),
    }
}

async fn mail_invitation(
    state: &AppState,
    txn: &DatabaseTransaction,
    actor: &Actor,
    invitee: &Invitee,
    token: &str,
) -> AppResult<()> {
    let program = crate::ssr::repo::tenants::by_id(txn, actor.tenant_id)
        .await?
        .map(|t| t.name)
        .unwrap_or_default();
    let link = format!("{}/invitation?token={token}", state.config.base_url);
    let lang = invitee.lang;
    let text = crate::tr_in!(
        lang,
        mail.invitation_body,
        inviter = &actor.name,
        program = &program,
        role = invitee.role.label_in(lang),
        organization = &invitee.org.name,
        days = VALID_DAYS,
        link
    );
    let subject = crate::tr_in!(lang, mail.invitation_subject, program = &program);
    state
        .mailer
        .send(
            invitee.email.as_str(),
            &subject.to_string(),
            text.to_string(),
        )
        .await
}

pub async fn info(
    state: &AppState,
    tenant: &RequestTenant,
    token: &str,
) -> AppResult<InvitationInfo> {
    let inv =
        auth_tokens::open_invitation(&state.db, tenant.id, &tokens::digest(token), super::now())
            .await?
            .ok_or_else(invalid_link)?;
    let org_name = organizations::names(&state.db, tenant.id, vec![inv.organization_id])
        .await?
        .pop()
        .map(|(_, n)| n)
        .unwrap_or_default();
    Ok(InvitationInfo {
        email: inv.email,
        role: inv.role,
        organization_name: org_name,
        program_name: tenant.name.clone(),
    })
}

pub async fn accept(
    state: &AppState,
    tenant: &RequestTenant,
    token: &str,
    name_raw: &str,
    password_raw: String,
    confirm: String,
) -> AppResult<NewSession> {
    let mut e = FormErrors::new().with_values(&[("name", name_raw)]);
    let name = check::required(&mut e, "name", name_raw, tr!(checks.your_name), 100);
    check::new_password(&mut e, &password_raw, &confirm);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = super::now();
    let inv = auth_tokens::open_invitation(&state.db, tenant.id, &tokens::digest(token), now)
        .await?
        .ok_or_else(invalid_link)?;
    let hash = password::hash(password_raw).await?;
    let txn = begin_write(&state.db).await?;
    if !auth_tokens::accept_invitation(&txn, inv.id, now).await? {
        return Err(invalid_link());
    }
    if users::by_email(&txn, tenant.id, &inv.email)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(crate::tr!(auth.account_exists).into()));
    }
    let user = users::insert(
        &txn,
        users::NewUser {
            tenant_id: tenant.id,
            organization_id: inv.organization_id,
            email: &inv.email,
            name: &name,
            role: inv.role,
            password_hash: Some(hash),
            now,
            // The language they read the invitation page in.
            locale: Some(crate::locale::current()),
        },
    )
    .await?;
    users::touch_sign_in(&txn, user.id, now, crate::locale::current()).await?;
    txn.commit().await?;
    auth::start_session(state, tenant.id, user.id).await
}

pub async fn revoke(state: &AppState, actor: &Actor, id: i64) -> AppResult<()> {
    actor.require(Permission::ManageUsers)?;
    let scope = Scope::new(actor);
    let inv = scope
        .invitations()
        .filter(invitation::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.require_on(Permission::ManageUsers, On::Company(inv.organization_id))?;
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(super::now()))
        .filter(tenant_is::<invitation::Entity>(actor.tenant_id))
        .filter(invitation::Column::Id.eq(inv.id))
        .exec(&state.db)
        .await?;
    Ok(())
}
