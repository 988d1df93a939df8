//! Server functions: one public endpoint per file. Each takes the actor from
//! the session (never from arguments), calls a service and returns `AppError`.

pub mod account;
pub mod auth;
pub mod campaigns;
pub mod cobrand;
pub mod dashboard;
pub mod forum;
pub mod funds;
pub mod partners;
pub mod users;

#[cfg(feature = "ssr")]
mod respond {
    use crate::error::AppResult;

    /// Gives an error its HTTP status, so clients and logs see 4xx/5xx.
    /// A plain HTML form post (no JavaScript) is left alone: it must get the
    /// redirect back to the form, which then shows the error.
    pub fn with_status<T>(result: AppResult<T>) -> AppResult<T> {
        let from_html_form =
            leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
                parts.method == http::Method::POST
                    && parts
                        .headers
                        .get(http::header::ACCEPT)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|accept| accept.contains("text/html"))
            });
        if from_html_form {
            return result;
        }
        if let Err(err) = &result {
            if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(code) = http::StatusCode::from_u16(err.status()) {
                    res.set_status(code);
                }
            }
        }
        result
    }
}
#[cfg(feature = "ssr")]
pub(crate) use respond::with_status;
