//! Uploads outside the server-function layer, because they carry multipart
//! bodies: plain HTML forms post here, so they work without JavaScript and
//! answer with a redirect back to the page (the forum's picture upload
//! answers the editor's request with the Markdown to insert).

use crate::ServerState;
use app::error::AppError;
use app::ssr::plain_text::PlainText;
use app::ssr::services::deals::files as deal_files;
use app::ssr::services::funds::claims;
use app::ssr::services::logos;
use app::ssr::Actor;
use app::types::url::encode_query_value;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// Back to `page` after an upload or removal: `?saved={field}`, or the
/// message on `field` as `?{field}_error=…`; then `anchor`.
fn back_to(page: &str, field: &str, anchor: &str, result: Result<(), AppError>) -> Response {
    let location = match result {
        Ok(()) => format!("{page}?saved={field}{anchor}"),
        Err(e) => {
            let message = e.field(field).unwrap_or_else(|| e.to_string());
            format!(
                "{page}?{field}_error={}{anchor}",
                encode_query_value(&message)
            )
        }
    };
    Redirect::to(&location).into_response()
}

fn back(id: i64, result: Result<(), AppError>) -> Response {
    back_to(&format!("/partners/{id}"), "logo", "", result)
}

/// Reads the `logo` field, stopping as soon as it exceeds the size limit.
async fn read_logo(form: Multipart) -> Result<Vec<u8>, AppError> {
    let files = read_files(form, "logo", logos::MAX_LOGO_BYTES, PlainText::LogoTooLarge).await?;
    Ok(files
        .into_iter()
        .next()
        .map(|(_, bytes)| bytes)
        .unwrap_or_default())
}

pub async fn upload_logo(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
    form: Multipart,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    let result = match read_logo(form).await {
        Ok(bytes) => logos::upload(&state.app, &actor, id, bytes).await,
        Err(e) => Err(e),
    };
    back(id, result)
}

pub async fn remove_logo(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    back(id, logos::remove(&state.app, &actor, id).await)
}

fn back_to_request(id: i64, result: Result<(), AppError>) -> Response {
    back_to(&format!("/funds/requests/{id}"), "proof", "", result)
}

/// Reads every non-empty `field` file of the form as (name, bytes), each
/// at most `max` bytes (else `too_big`, on the form's `field`).
async fn read_files(
    mut form: Multipart,
    field_name: &str,
    max: usize,
    too_big: PlainText,
) -> Result<Vec<(String, Vec<u8>)>, AppError> {
    let too_big = || AppError::invalid(field_name, too_big.text());
    let mut files = Vec::new();
    while let Some(mut field) = form.next_field().await.map_err(|_| too_big())? {
        if field.name() != Some(field_name) {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| too_big())? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > max {
                return Err(too_big());
            }
        }
        if !(bytes.is_empty() && name.is_empty()) {
            files.push((name, bytes));
        }
    }
    Ok(files)
}

/// Stores each `proof` file of the form; stops at the first refused one
/// (files before it are kept, and the message names the problem).
pub async fn upload_proof(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
    form: Multipart,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    let max = claims::MAX_PROOF_BYTES;
    let files = match read_files(form, "proof", max, PlainText::ProofTooLarge).await {
        Ok(files) if files.is_empty() => {
            let none = AppError::invalid("proof", PlainText::ChooseProof.text());
            return back_to_request(id, Err(none));
        }
        Ok(files) => files,
        Err(e) => return back_to_request(id, Err(e)),
    };
    for (name, bytes) in files {
        if let Err(e) = claims::add_proof(&state.app, &actor, id, &name, bytes).await {
            return back_to_request(id, Err(e));
        }
    }
    back_to_request(id, Ok(()))
}

pub async fn remove_proof(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path((id, file)): Path<(i64, i64)>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    back_to_request(id, claims::remove_proof(&state.app, &actor, id, file).await)
}

fn back_to_deal(id: i64, result: Result<(), AppError>) -> Response {
    back_to(&format!("/deals/{id}"), "file", "#files", result)
}

/// Stores each `file` of the form on a deal registration; stops at the
/// first refused one (files before it are kept).
pub async fn upload_deal_file(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
    form: Multipart,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    let max = app::ssr::documents::MAX_BYTES;
    let files = match read_files(form, "file", max, PlainText::ProofTooLarge).await {
        Ok(files) if files.is_empty() => {
            let none = AppError::invalid("file", PlainText::ChooseFile.text());
            return back_to_deal(id, Err(none));
        }
        Ok(files) => files,
        Err(e) => return back_to_deal(id, Err(e)),
    };
    for (name, bytes) in files {
        if let Err(e) = deal_files::add(&state.app, &actor, id, &name, bytes).await {
            return back_to_deal(id, Err(e));
        }
    }
    back_to_deal(id, Ok(()))
}

pub async fn remove_deal_file(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    Path((id, file)): Path<(i64, i64)>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/sign-in").into_response();
    };
    back_to_deal(id, deal_files::remove(&state.app, &actor, id, file).await)
}

/// A picture for a forum post, sent by the post editor; answers with the
/// Markdown that shows it, or the reason it was refused, as plain text.
pub async fn upload_forum_picture(
    State(state): State<ServerState>,
    actor: Option<Extension<Actor>>,
    mut form: Multipart,
) -> Response {
    use app::ssr::services::forum::attachments;
    let Some(Extension(actor)) = actor else {
        return (StatusCode::UNAUTHORIZED, PlainText::SignInAgain.text()).into_response();
    };
    let refuse = |e: AppError| {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
        let message = e.field("file").unwrap_or_else(|| e.to_string());
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message,
        )
            .into_response()
    };
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return refuse(AppError::invalid("file", PlainText::ChoosePicture.text())),
            Err(_) => return refuse(attachments::too_big()),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("picture").to_owned();
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > attachments::MAX_BYTES {
                        return refuse(attachments::too_big());
                    }
                }
                Ok(None) => break,
                Err(_) => return refuse(attachments::too_big()),
            }
        }
        return match attachments::store(&state.app, &actor, &name, bytes).await {
            Ok(markdown) => (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                markdown,
            )
                .into_response(),
            Err(e) => refuse(e),
        };
    }
}
