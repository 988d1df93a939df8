//! Sign-in, sessions, sign-out and password reset.

use crate::error::{AppError, AppResult};
use crate::ssr::context::{Actor, RequestTenant};
use crate::ssr::repo::{auth_tokens, begin_write, db_error, login_attempts, sessions, users};
use crate::ssr::{password, tokens, AppState};
use crate::types::form::check;
use crate::types::FormErrors;
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use std::net::IpAddr;

pub const COOKIE: &str = "prm_session";
/// Failed sign-ins allowed per (address, client IP) and per client IP in
/// the window. An address alone is never locked (that would let anyone
/// lock its owner out); its failures from everywhere slow each try down.
pub const MAX_FAILURES_PER_EMAIL: u64 = 5;
pub const MAX_FAILURES_PER_IP: u64 = 50;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// The longest wait an address's failures from every IP add to a try.
const MAX_SLOWDOWN_SECS: u64 = 8;

/// One sign-in try, recorded before the password is checked so the limits
/// count it: parallel guesses each see the others and cannot all pass a
/// count read before any was recorded. A correct password takes the try
/// back; a refused one (over a limit) was never a guess and is removed.
struct Attempt {
    ids: Vec<i64>,
    pair: String,
}

impl Attempt {
    async fn record(
        db: &DatabaseConnection,
        tenant_id: i64,
        email: &str,
        ip: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> AppResult<Self> {
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let address = format!("email:{tenant_id}:{email}");
        let from = ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
        let pair = format!("{address}:from:{from}");
        let mut subjects = vec![(pair.clone(), Some(MAX_FAILURES_PER_EMAIL))];
        if let Some(ip) = ip {
            subjects.push((format!("ip:{ip}"), Some(MAX_FAILURES_PER_IP)));
        }
        subjects.push((address, None));
        let mut attempt = Attempt {
            ids: Vec::new(),
            pair,
        };
        let mut over_limit = false;
        let mut address_failures = 0;
        for (subject, limit) in &subjects {
            let id = login_attempts::record(db, subject, now).await?;
            attempt.ids.push(id);
            let count = login_attempts::count_since(db, subject, since).await?;
            match limit {
                Some(max) => over_limit |= count > *max,
                None => address_failures = count.saturating_sub(1),
            }
        }
        if over_limit {
            login_attempts::delete(db, &attempt.ids).await?;
            return Err(AppError::RateLimited(FAILURE_WINDOW_MINUTES as u32));
        }
        let wait = slowdown(address_failures);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        Ok(attempt)
    }

    /// The password was right: this try and this client's earlier failures
    /// for the address no longer count (others' failures still slow it).
    async fn succeeded(self, db: &DatabaseConnection) -> AppResult<()> {
        login_attempts::delete(db, &self.ids).await?;
        login_attempts::clear(db, &self.pair)
            .await
            .map_err(db_error)
    }
}

/// How long a try waits after `failures` for its address from anywhere in
/// the window: nothing for the first five, then one second per failure,
/// at most [`MAX_SLOWDOWN_SECS`].
fn slowdown(failures: u64) -> std::time::Duration {
    std::time::Duration::from_secs(
        failures
            .saturating_sub(MAX_FAILURES_PER_EMAIL)
            .min(MAX_SLOWDOWN_SECS),
    )
}
const RESET_LINK_MINUTES: i64 = 60;

/// A new session: the token goes into the cookie, never into the database.
pub struct NewSession {
    pub token: String,
    pub max_age_secs: i64,
}

pub async fn sign_in(
    state: &AppState,
    tenant: &RequestTenant,
    ip: Option<IpAddr>,
    email_raw: &str,
    password_raw: String,
) -> AppResult<NewSession> {
    let mut errors = FormErrors::new().with_values(&[("email", email_raw)]);
    let email = check::email(&mut errors, "email", email_raw);
    if password_raw.is_empty() {
        errors.add("password", crate::tr!(auth.enter_password));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };

    let db = &state.db;
    let now = super::now();
    let attempt = Attempt::record(db, tenant.id, email.as_str(), ip, now).await?;
    let user = users::by_email(db, tenant.id, email.as_str()).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    if !password::verify(password_raw, stored).await {
        // The attempt stays recorded: it was a failure.
        let mut errors = FormErrors::new().with_values(&[("email", email.as_str())]);
        errors.add("password", crate::tr!(auth.wrong_password));
        return Err(AppError::Invalid(errors));
    }
    let Some(user) = user else {
        return Err(AppError::Internal);
    };
    if !user.active {
        let mut errors = FormErrors::new().with_values(&[("email", email.as_str())]);
        errors.add("email", crate::tr!(auth.deactivated));
        return Err(AppError::Invalid(errors));
    }
    attempt.succeeded(db).await?;
    users::touch_sign_in(db, user.id, now, crate::locale::current()).await?;
    start_session(state, tenant.id, user.id).await
}

pub async fn start_session(
    state: &AppState,
    tenant_id: i64,
    user_id: i64,
) -> AppResult<NewSession> {
    let now = super::now();
    let absolute = Duration::from_std(state.config.session_absolute).unwrap_or(Duration::days(30));
    let (token, hash) = tokens::issue();
    sessions::insert(&state.db, hash, tenant_id, user_id, now, now + absolute).await?;
    Ok(NewSession {
        token,
        max_age_secs: absolute.num_seconds(),
    })
}

/// The actor behind a session cookie, if the session is live. Expired
/// sessions are deleted; activity is recorded at most once a minute.
pub async fn resolve(state: &AppState, tenant_id: i64, token: &str) -> AppResult<Option<Actor>> {
    let hash = tokens::digest(token);
    let Some((session, user, org)) = sessions::load(&state.db, &hash).await? else {
        return Ok(None);
    };
    let now = super::now();
    let idle = Duration::from_std(state.config.session_idle).unwrap_or(Duration::hours(12));
    let expired = session.expires_at <= now || session.last_seen_at + idle <= now;
    if expired || !user.active || session.tenant_id != tenant_id {
        if expired || !user.active {
            sessions::delete(&state.db, &hash).await?;
        }
        return Ok(None);
    }
    if now - session.last_seen_at > Duration::seconds(60) {
        sessions::touch(&state.db, &hash, now).await?;
    }
    let (role, org_kind, locale) = (user.role, org.kind, user.language());
    Ok(Some(Actor {
        user_id: user.id,
        tenant_id: user.tenant_id,
        organization_id: user.organization_id,
        organization_name: org.name,
        org_tier: org.tier,
        org_type: org.partner_type,
        org_kind,
        role,
        name: user.name,
        locale,
        email: user.email,
        session_id: hash,
        time_zone: crate::ssr::local_time::zone(&user.time_zone),
    }))
}

pub async fn sign_out(state: &AppState, actor: &Actor) -> AppResult<()> {
    Ok(sessions::delete(&state.db, &actor.session_id).await?)
}

/// Mails a reset link when the address has an active account. Answers the
/// same either way, so the form does not reveal who has an account.
pub async fn request_reset(
    state: &AppState,
    tenant: &RequestTenant,
    email_raw: &str,
) -> AppResult<()> {
    let mut errors = FormErrors::new().with_values(&[("email", email_raw)]);
    let Some(email) = check::email(&mut errors, "email", email_raw) else {
        return Err(AppError::Invalid(errors));
    };
    let db = &state.db;
    let now = super::now();
    let subject = format!("reset:{}:{}", tenant.id, email);
    if login_attempts::count_since(db, &subject, now - Duration::hours(1)).await? >= 5 {
        return Err(AppError::RateLimited(60));
    }
    login_attempts::record(db, &subject, now).await?;
    let Some(user) = users::by_email(db, tenant.id, email.as_str()).await? else {
        return Ok(());
    };
    if !user.active {
        return Ok(());
    }
    let (token, hash) = tokens::issue();
    auth_tokens::insert_reset(
        db,
        tenant.id,
        user.id,
        hash,
        now,
        now + Duration::minutes(RESET_LINK_MINUTES),
    )
    .await?;
    let link = format!("{}/reset-password?token={token}", state.config.base_url);
    // Their own language; the page's when they never chose one.
    let lang = user.language().unwrap_or_else(crate::locale::current);
    let program = &tenant.name;
    let text = crate::tr_in!(
        lang,
        mail.reset_body,
        name = &user.name,
        program,
        minutes = RESET_LINK_MINUTES,
        link
    );
    let subject = crate::tr_in!(lang, mail.reset_subject, program);
    state
        .mailer
        .send(email.as_str(), &subject.to_string(), text.to_string())
        .await
}

pub async fn reset_password(
    state: &AppState,
    tenant: &RequestTenant,
    token: &str,
    password_raw: String,
    confirm: String,
) -> AppResult<()> {
    let mut errors = FormErrors::new();
    check::new_password(&mut errors, &password_raw, &confirm);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = super::now();
    let expired = || AppError::invalid("token", crate::tr!(auth.reset_link_used));
    let reset = auth_tokens::open_reset(&state.db, tenant.id, &tokens::digest(token), now)
        .await?
        .ok_or_else(expired)?;
    let hash = password::hash(password_raw).await?;
    let txn = begin_write(&state.db).await?;
    if !auth_tokens::use_reset(&txn, reset.id, now).await? {
        return Err(expired());
    }
    users::set_password(&txn, tenant.id, reset.user_id, hash, now).await?;
    // A reset is often a response to a compromise: end every session.
    sessions::delete_for_user(&txn, tenant.id, reset.user_id).await?;
    Ok(txn.commit().await?)
}

#[cfg(test)]
mod tests {
    use super::{slowdown, MAX_SLOWDOWN_SECS};

    #[test]
    fn an_address_under_attack_slows_down_instead_of_locking() {
        assert!(slowdown(0).is_zero());
        assert!(slowdown(5).is_zero());
        assert_eq!(slowdown(6).as_secs(), 1);
        assert_eq!(slowdown(9).as_secs(), 4);
        assert_eq!(slowdown(10_000).as_secs(), MAX_SLOWDOWN_SECS);
    }
}
