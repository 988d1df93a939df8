//! Who is asking, resolved once per request by the server's middleware and
//! read here by server functions and pages. Never taken from arguments.

use crate::error::{AppError, AppResult};
use crate::ssr::AppState;
use crate::types::{OrgKind, Role};
use std::net::IpAddr;

#[derive(Clone, Debug)]
pub struct RequestTenant {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub brand_color: String,
    /// Suspended by the operator: its pages and functions answer 503.
    pub suspended: bool,
}

#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: i64,
    pub tenant_id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    /// The partner company's tier (for tier-pool funds); none for vendor staff.
    pub org_tier: Option<String>,
    /// The partner company's type (reseller, MSP, …); none for vendor staff.
    pub org_type: Option<String>,
    pub org_kind: OrgKind,
    pub role: Role,
    pub name: String,
    pub email: String,
    pub session_id: String,
    /// Where times are shown for this user (UTC until they choose).
    pub time_zone: chrono_tz::Tz,
    /// The user's language, for their pages and mails; none until they
    /// choose or first sign in (their browser's then decides).
    pub locale: Option<crate::locale::Locale>,
}

impl Actor {
    /// The portal itself, acting on one tenant's records in background work
    /// (deadline reminders, expiry). Sees what a vendor admin sees.
    pub fn system(tenant_id: i64) -> Self {
        Self {
            user_id: 0,
            tenant_id,
            organization_id: 0,
            organization_name: String::new(),
            org_tier: None,
            org_type: None,
            org_kind: OrgKind::Vendor,
            role: Role::VendorAdmin,
            name: "Partner portal".into(),
            email: String::new(),
            session_id: String::new(),
            time_zone: chrono_tz::Tz::UTC,
            locale: None,
        }
    }

    /// An instant as this user reads it: "29 Nov 2026, 15:05 CET".
    pub fn time(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        crate::ssr::local_time::format(at, self.time_zone)
    }

    /// The day of an instant in this user's time zone.
    pub fn day(&self, at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        at.with_timezone(&self.time_zone).date_naive()
    }

    /// The day of an instant as this user reads it: "29 Nov 2026".
    pub fn date(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        crate::locale::date(self.day(at))
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub Option<IpAddr>);

fn parts() -> AppResult<http::request::Parts> {
    leptos::prelude::use_context::<http::request::Parts>().ok_or_else(|| {
        // Seen when a client hangs up mid-render: the request's reactive
        // owner is gone while a resource still runs. Nobody gets the answer.
        tracing::debug!("request parts missing from context");
        AppError::Internal
    })
}

pub fn state() -> AppResult<AppState> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("app state missing from context");
        AppError::Internal
    })
}

/// The tenant this request is for (from the host name).
pub fn tenant() -> AppResult<RequestTenant> {
    parts()?
        .extensions
        .get::<RequestTenant>()
        .cloned()
        .ok_or(AppError::NotFound)
}

pub fn actor_opt() -> AppResult<Option<Actor>> {
    Ok(parts()?.extensions.get::<Actor>().cloned())
}

/// The signed-in user, or `Unauthenticated`.
pub fn actor() -> AppResult<Actor> {
    actor_opt()?.ok_or(AppError::Unauthenticated)
}

/// The code of the request's language ("de"), for number and money formats.
pub fn locale() -> String {
    crate::locale::current_code().to_owned()
}

pub fn client_ip() -> Option<IpAddr> {
    parts()
        .ok()?
        .extensions
        .get::<ClientIp>()
        .and_then(|ip| ip.0)
}
