use app::locale;
use app::ssr::services::auth::{self, COOKIE};
use app::ssr::services::programs;
use app::ssr::{repo, AppState, ClientIp, RequestTenant};
use app::types::url::encode_query_value;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::{IpAddr, SocketAddr};

/// Pages anyone may open; everything else needs a session.
const PUBLIC_PAGES: &[&str] = &[
    "/sign-in",
    "/forgot-password",
    "/reset-password",
    "/invitation",
];

/// Pages a signed-out visitor may open: the sign-in pages; tracking and
/// unsubscribe links in campaign e-mails (for people without an account;
/// their signatures are the authority); what installs the app and the page
/// it shows offline.
fn is_public(path: &str) -> bool {
    PUBLIC_PAGES.contains(&path)
        || path.starts_with("/m/")
        || path.starts_with("/app-icon/")
        || path == "/manifest.webmanifest"
        || path == "/offline"
}

/// Resolves the tenant (from the host name) and the signed-in actor (from the
/// session cookie) into request extensions, and sends signed-out visitors of
/// portal pages to the sign-in page.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let ip = client_ip(&state, &req);
    req.extensions_mut().insert(ClientIp(ip));
    let path = req.uri().path().to_owned();
    if path == "/healthz" || path.starts_with("/pkg/") || is_file(&path) {
        return next.run(req).await;
    }

    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let tenant = match tenant_for(&state, &host).await {
        Ok(Some(t)) if t.suspended => {
            let lang = language(&req, None);
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                programs::suspended_notice(lang, &t.name),
            )
                .into_response();
        }
        Ok(Some(t)) => t,
        Ok(None) => {
            let lang = language(&req, None);
            return (StatusCode::NOT_FOUND, programs::no_program_notice(lang)).into_response();
        }
        Err(e) => return e,
    };
    let token = cookie(&req, COOKIE);
    let actor = match token {
        Some(token) => match auth::resolve(&state, tenant.id, &token).await {
            Ok(actor) => actor,
            Err(e) => {
                return (
                    StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                    e.to_string(),
                )
                    .into_response()
            }
        },
        None => None,
    };
    req.extensions_mut().insert(tenant);
    let locale = language(&req, actor.as_ref());
    req.extensions_mut().insert(locale);

    let is_page = req.method() == Method::GET && !path.starts_with("/api/");
    match actor {
        Some(actor) => {
            if is_page && path == "/sign-in" {
                return Redirect::to("/").into_response();
            }
            req.extensions_mut().insert(actor);
        }
        None if is_page && !is_public(&path) => {
            let target = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let location = if target == "/" {
                "/sign-in".to_owned()
            } else {
                format!("/sign-in?next={}", encode_query_value(target))
            };
            return Redirect::to(&location).into_response();
        }
        None => {}
    }
    next.run(req).await
}

/// The request's language: a signed-in user's own choice, else the `lang`
/// cookie of a signed-out visitor's switch, else the browser's languages.
fn language(req: &Request, actor: Option<&app::ssr::Actor>) -> locale::Locale {
    if let Some(locale) = actor.and_then(|a| a.locale) {
        return locale;
    }
    cookie(req, locale::COOKIE)
        .and_then(|code| locale::parse(&code))
        .unwrap_or_else(|| {
            let header = req
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            locale::negotiate(header)
        })
}

/// Static assets (a dot in the last segment), which need no session. Forum
/// pictures carry an extension too but are for signed-in members only; the
/// app's manifest and icons are drawn for the program the host names.
fn is_file(path: &str) -> bool {
    !path.starts_with("/forum/files/")
        && !path.starts_with("/app-icon/")
        && path != "/manifest.webmanifest"
        && path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

async fn tenant_for(state: &AppState, host: &str) -> Result<Option<RequestTenant>, Response> {
    let unavailable = |e| {
        let err = repo::db_error(e);
        (
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
            err.to_string(),
        )
            .into_response()
    };
    let label = host
        .split(':')
        .next()
        .unwrap_or("")
        .split('.')
        .next()
        .unwrap_or("");
    let db = &state.db;
    let tenant = |t: app::ssr::entities::tenant::Model| RequestTenant {
        id: t.id,
        slug: t.slug,
        name: t.name,
        brand_color: t.brand_color,
        suspended: t.suspended_at.is_some(),
    };
    if !label.is_empty() && host.contains('.') {
        if let Some(t) = state.tenants.get(label) {
            return Ok(Some(t));
        }
        if let Some(t) = repo::tenants::by_slug(db, label)
            .await
            .map_err(unavailable)?
        {
            let t = tenant(t);
            state.tenants.put(label, t.clone());
            return Ok(Some(t));
        }
    }
    // Any other host: the configured default tenant, else the first.
    const FALLBACK: &str = "";
    if let Some(t) = state.tenants.get(FALLBACK) {
        return Ok(Some(t));
    }
    let found = match &state.config.default_tenant {
        Some(slug) => repo::tenants::by_slug(db, slug).await,
        None => repo::tenants::first(db).await,
    }
    .map_err(unavailable)?
    .map(tenant);
    if let Some(t) = &found {
        state.tenants.put(FALLBACK, t.clone());
    }
    Ok(found)
}

fn cookie(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

fn client_ip(state: &AppState, req: &Request) -> Option<IpAddr> {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if !state.config.trust_proxy {
        return peer;
    }
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok());
    forwarded_client(forwarded).or(peer)
}

/// The client as our proxy saw it: the right-most `X-Forwarded-For` entry,
/// which the proxy appended itself. Everything left of it came from the
/// client and may be forged, so it is never read. Several header lines are
/// one list in order; an entry that is not an address means no answer.
pub fn forwarded_client<'a>(values: impl Iterator<Item = &'a str>) -> Option<IpAddr> {
    let last = values.flat_map(|v| v.split(',')).last()?.trim();
    last.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn the_proxy_appended_hop_wins_over_forged_ones() {
        let ip = |v: &[&str]| forwarded_client(v.iter().copied()).map(|a| a.to_string());
        assert_eq!(ip(&["6.6.6.6, 203.0.113.9"]), Some("203.0.113.9".into()));
        assert_eq!(ip(&["6.6.6.6", "203.0.113.9"]), Some("203.0.113.9".into()));
        assert_eq!(ip(&["203.0.113.9"]), Some("203.0.113.9".into()));
        assert_eq!(ip(&["2001:db8::1"]), Some("2001:db8::1".into()));
        assert_eq!(ip(&["203.0.113.9, junk"]), None);
        assert_eq!(ip(&[]), None);
    }
}
