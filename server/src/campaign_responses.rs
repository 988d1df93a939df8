//! `/m/r/{id}/{signature}`: the page behind "Ask … to get in touch" in every
//! campaign e-mail. GET shows a short form filled from what the partner
//! knows of the contact (link scanners follow GET links, so only the POST
//! enters anything); POST enters the lead and thanks the visitor, or shows
//! the form again with each problem beside its field and nothing lost.

use crate::campaign_links::{escape, standalone};
use crate::ServerState;
use app::error::AppError;
use app::ssr::plain_text::{response_words, PlainText};
use app::ssr::services::leads::responses::{self, Responder, ResponseInput};
use app::types::FormErrors;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;

/// `GET /m/r/{id}/{signature}`.
pub async fn page(
    State(state): State<ServerState>,
    Path((id, signature)): Path<(i64, String)>,
) -> Response {
    match responses::responder(&state.app, id, &signature).await {
        Ok(r) if r.answered => thanks(&r),
        Ok(r) => form(StatusCode::OK, &r, None),
        Err(_) => invalid(),
    }
}

/// `POST /m/r/{id}/{signature}`.
pub async fn respond(
    State(state): State<ServerState>,
    Path((id, signature)): Path<(i64, String)>,
    Form(input): Form<ResponseInput>,
) -> Response {
    match responses::respond(&state.app, id, &signature, input).await {
        Ok(r) => thanks(&r),
        Err(AppError::Invalid(errors)) => {
            match responses::responder(&state.app, id, &signature).await {
                Ok(r) => form(StatusCode::UNPROCESSABLE_ENTITY, &r, Some(&errors)),
                Err(_) => invalid(),
            }
        }
        Err(e) if e.status() == 404 => invalid(),
        Err(e) => {
            tracing::warn!(error = %e, id, "campaign response not recorded");
            standalone(
                StatusCode::SERVICE_UNAVAILABLE,
                PlainText::TryAgain.text(),
                &format!("<p>{}</p>", escape(PlainText::NotRecorded.text())),
            )
        }
    }
}

fn thanks(r: &Responder) -> Response {
    let w = response_words(&r.sender);
    standalone(
        StatusCode::OK,
        w.done,
        &format!("<p>{}</p>", escape(&w.done_text)),
    )
}

fn invalid() -> Response {
    let w = response_words("");
    standalone(
        StatusCode::NOT_FOUND,
        PlainText::LinkNotFound.text(),
        &format!("<p>{}</p>", escape(w.invalid)),
    )
}

/// The form, with the visitor's values and messages after a refusal.
fn form(status: StatusCode, r: &Responder, errors: Option<&FormErrors>) -> Response {
    let w = response_words(&r.sender);
    let value = |field: &str, known: &str| {
        errors
            .and_then(|e| e.value(field))
            .unwrap_or_else(|| known.to_owned())
    };
    let mut body = format!("<p>{}</p>", escape(&w.intro));
    if errors.is_some() {
        body.push_str(&format!(
            "<p class=\"problem\" role=\"alert\">{}</p>",
            escape(w.fix)
        ));
    }
    body.push_str("<form method=\"post\">");
    body.push_str(&format!(
        "<p><span class=\"label\">{}</span><strong>{}</strong></p>",
        escape(w.email),
        escape(&r.email)
    ));
    let field = |name: &str, label: &str, known: &str, kind: Input| {
        field_html(name, label, &value(name, known), kind, errors)
    };
    body.push_str(&field("contact_name", w.name, &r.name, Input::Text("name")));
    body.push_str(&field(
        "company",
        w.company,
        &r.company,
        Input::Text("organization"),
    ));
    body.push_str(&field("contact_phone", w.phone, "", Input::Tel));
    body.push_str(&field("country", w.country, &r.country, Input::Country));
    body.push_str(&field("city", w.city, "", Input::Text("address-level2")));
    body.push_str(&field(
        "postcode",
        w.postcode,
        "",
        Input::Text("postal-code"),
    ));
    body.push_str(&field("notes", w.notes, "", Input::Area));
    body.push_str(&format!(
        "<button type=\"submit\">{}</button></form>",
        escape(w.send)
    ));
    standalone(status, &w.title, &body)
}

/// How a field is typed (`Text` names its autocomplete).
#[derive(Clone, Copy)]
enum Input {
    Text(&'static str),
    Tel,
    Country,
    Area,
}

fn field_html(
    name: &str,
    label: &str,
    value: &str,
    kind: Input,
    errors: Option<&FormErrors>,
) -> String {
    let id = format!("f-{name}");
    let message = errors.and_then(|e| e.message(name));
    let described = message
        .as_ref()
        .map(|_| format!(" aria-invalid=\"true\" aria-describedby=\"{id}-error\""))
        .unwrap_or_default();
    let control = match kind {
        Input::Text(auto) => format!(
            "<input id=\"{id}\" name=\"{name}\" autocomplete=\"{auto}\" value=\"{}\"{described}>",
            escape(value)
        ),
        Input::Tel => format!(
            "<input id=\"{id}\" name=\"{name}\" type=\"tel\" autocomplete=\"tel\" value=\"{}\"{described}>",
            escape(value)
        ),
        Input::Area => format!(
            "<textarea id=\"{id}\" name=\"{name}\" rows=\"4\"{described}>{}</textarea>",
            escape(value)
        ),
        Input::Country => country_select(&id, name, value, &described),
    };
    let message = message
        .map(|m| {
            format!(
                "<span class=\"problem\" id=\"{id}-error\">{}</span>",
                escape(&m)
            )
        })
        .unwrap_or_default();
    format!(
        "<p><label for=\"{id}\">{}</label>{control}{message}</p>",
        escape(label)
    )
}

fn country_select(id: &str, name: &str, chosen: &str, described: &str) -> String {
    let options: String = app::ssr::countries::options(app::locale::current())
        .into_iter()
        .map(|(code, country)| {
            let selected = if code == chosen { " selected" } else { "" };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                escape(&code),
                escape(&country)
            )
        })
        .collect();
    format!(
        "<select id=\"{id}\" name=\"{name}\" autocomplete=\"country\"{described}><option value=\"\"></option>{options}</select>"
    )
}
