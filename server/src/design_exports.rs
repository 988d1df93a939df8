//! Design downloads: a plain link (works without JavaScript) that renders
//! the design on the server, records the export and answers with the file,
//! or goes back to the editor with the reason it cannot.

use crate::ServerState;
use app::ssr::services::cobrand::exports;
use app::ssr::Actor;
use app::types::cobrand::ExportFormat;
use app::types::url::encode_query_value;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn export(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path((id, format)): Path<(i64, String)>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    let Some(format) = ExportFormat::parse(&format) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match exports::export(&state.app, &actor, id, format).await {
        Ok(download) => {
            let mut res = (StatusCode::OK, download.bytes).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(download.content_type),
            );
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"{}\"", download.file_name))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            res
        }
        Err(e) => {
            let message = e.field("format").unwrap_or_else(|| e.to_string());
            Redirect::to(&format!(
                "/cobrand/designs/{id}?export_error={}",
                encode_query_value(&message)
            ))
            .into_response()
        }
    }
}
