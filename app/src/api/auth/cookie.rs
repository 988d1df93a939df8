//! The session cookie: HttpOnly (no script reads it), SameSite=Lax (no
//! cross-site form posts carry it), Secure when served over HTTPS.

use crate::ssr::services::auth::{NewSession, COOKIE};
use crate::ssr::AppState;

pub fn set(state: &AppState, session: &NewSession) {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    header(format!(
        "{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        session.token, session.max_age_secs
    ));
}

pub fn clear(state: &AppState) {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    header(format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ));
}

/// The language a visitor chose, for a year; read by the server only.
pub fn set_language(state: &AppState, locale: crate::locale::Locale) {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    header(format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}",
        crate::locale::COOKIE,
        crate::locale::code_of(locale)
    ));
}

fn header(value: String) {
    if let (Some(res), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        res.append_header(http::header::SET_COOKIE, value);
    }
}
