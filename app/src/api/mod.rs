//! Server functions: one public endpoint per file. Each takes the actor from
//! the session (never from arguments), calls a service and returns `AppError`.

pub mod auth;
pub mod dashboard;
pub mod partners;
pub mod users;

#[cfg(feature = "ssr")]
mod respond {
    use crate::error::AppResult;

    /// Gives an error its HTTP status, so clients and logs see 4xx/5xx.
    pub fn with_status<T>(result: AppResult<T>) -> AppResult<T> {
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
