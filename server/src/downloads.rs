//! File routes that answer with bytes: stored uploads (logos, claim proof,
//! deal registration files, forum pictures) for those who may see them, and CSV downloads. How each
//! is delivered (policy, disposition) is its row in `crate::routes`.

use crate::ServerState;
use app::error::AppError;
use app::ssr::services::deals::files as deal_files;
use app::ssr::services::funds::claims;
use app::ssr::services::logos;
use app::ssr::Actor;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn logo(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match logos::load(&state.app, &actor, id).await {
        Ok((bytes, mime)) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "private, max-age=86400"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::NOT_FOUND)
            .into_response(),
    }
}

pub async fn proof(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    stored_document(claims::load_proof(&state.app, &actor, id).await)
}

/// A file on a deal registration, for those who may read the registration.
pub async fn deal_file(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    stored_document(deal_files::load(&state.app, &actor, id).await)
}

/// An uploaded document (bytes, MIME type, name) with its type and name;
/// the route's row decides how it is delivered.
fn stored_document(found: Result<(Vec<u8>, String, String), AppError>) -> Response {
    match found {
        Ok((bytes, mime, name)) => {
            let safe: String = name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
                .collect();
            let disposition = format!("inline; filename=\"{safe}\"");
            let mut res = (StatusCode::OK, bytes).into_response();
            let h = res.headers_mut();
            if let Ok(v) = header::HeaderValue::from_str(&mime) {
                h.insert(header::CONTENT_TYPE, v);
            }
            if let Ok(v) = header::HeaderValue::from_str(&disposition) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("private, max-age=3600"),
            );
            res
        }
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::NOT_FOUND)
            .into_response(),
    }
}

/// The ledger as a CSV download for finance.
pub async fn ledger_export(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
) -> Response {
    member_csv(actor, "funds-ledger.csv", |actor| async move {
        claims_export(&state, &actor).await
    })
    .await
}

/// The product catalogue as CSV, for those who keep it.
pub async fn products_export(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
) -> Response {
    member_csv(actor, "products.csv", |actor| async move {
        app::ssr::services::products::file::export(&state.app, &actor).await
    })
    .await
}

/// The filters of `/deals`, as its CSV link carries them.
#[derive(Debug, serde::Deserialize)]
pub struct DealsQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    partner: String,
    #[serde(default)]
    family: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    age: String,
}

/// The deal registrations the reader sees, filtered as on the page.
pub async fn deals_export(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    axum::extract::Query(q): axum::extract::Query<DealsQuery>,
) -> Response {
    use app::ssr::services::deals::list::{self, ListFilter};
    // Unknown values list everything the reader sees, as the page does.
    let filter = ListFilter {
        status: app::types::deal::DealStatus::parse(&q.status),
        partner: q.partner,
        family: q.family.trim().parse().ok(),
        region: app::types::org::Region::parse(&q.region),
        age: app::types::deal::DealAge::parse(&q.age),
    };
    member_csv(actor, "deal-registrations.csv", |actor| async move {
        list::csv(&state.app, &actor, &filter).await
    })
    .await
}

/// A member's CSV named `file_name`, written by `write` for them; a
/// signed-out visitor is sent to sign in.
async fn member_csv<F, Fut>(actor: Option<Extension<Actor>>, file_name: &str, write: F) -> Response
where
    F: FnOnce(Actor) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    csv_download(write(actor).await.map(|csv| (csv, file_name.to_owned())))
}

/// The filters of `/leads`, as its CSV link carries them.
#[derive(Debug, serde::Deserialize)]
pub struct LeadsQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    partner: String,
    #[serde(default)]
    family: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    age: String,
}

pub async fn leads_export(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    axum::extract::Query(q): axum::extract::Query<LeadsQuery>,
) -> Response {
    use app::ssr::services::leads::list::{self, ListFilter};
    let filter = ListFilter {
        status: app::types::lead::LeadStatus::parse(&q.status),
        partner: q.partner,
        family: q.family.trim().parse().ok(),
        country: app::types::territory::Country::parse(&q.country),
        age: app::types::deal::DealAge::parse(&q.age),
    };
    member_csv(actor, "leads.csv", |actor| async move {
        list::csv(&state.app, &actor, &filter).await
    })
    .await
}

/// A private CSV download named `file_name`, or the error's status and
/// message.
pub fn csv_download(result: Result<(String, String), AppError>) -> Response {
    match result {
        Ok((csv, file_name)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file_name}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            csv,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::FORBIDDEN),
            e.to_string(),
        )
            .into_response(),
    }
}

async fn claims_export(state: &ServerState, actor: &Actor) -> Result<String, AppError> {
    app::ssr::services::funds::export::ledger_csv(&state.app, actor).await
}

pub async fn forum_picture(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path((tenant, name)): Path<(i64, String)>,
) -> Response {
    use app::ssr::services::forum::attachments;
    let Some(Extension(actor)) = actor else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match attachments::load(&state.app, &actor, tenant, &name).await {
        Ok((bytes, mime)) => (
            [
                (header::CONTENT_TYPE, mime),
                (
                    header::CACHE_CONTROL,
                    "private, max-age=31536000, immutable",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::NOT_FOUND)
            .into_response(),
    }
}
