//! The one error type that crosses the wire. Messages are safe to show;
//! internal causes are logged on the server and never sent.

use crate::types::FormErrors;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AppError {
    Unauthenticated,
    Forbidden,
    NotFound,
    Invalid(FormErrors),
    /// A refusal whose message the service wrote (in the request's language).
    Conflict(String),
    /// Someone saved the record first. What this user typed comes back
    /// with it, so a form posted without JavaScript keeps it.
    Stale {
        message: String,
        typed: FormErrors,
    },
    /// Minutes to wait.
    RateLimited(u32),
    Unavailable,
    Internal,
    /// The request's arguments could not be read (a field missing or not of
    /// its kind): a form from an older page, or a hand-made request.
    Malformed,
    /// The request never reached our code, or its answer could not be read.
    Transport(String),
}

/// The message shown to the user, in the page's or request's language.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::tr;
        match self {
            AppError::Unauthenticated => f.write_str(tr!(errors.unauthenticated)),
            AppError::Forbidden => f.write_str(tr!(errors.forbidden)),
            AppError::NotFound => f.write_str(tr!(errors.not_found)),
            AppError::Invalid(_) => f.write_str(tr!(errors.invalid)),
            AppError::Conflict(message) | AppError::Stale { message, .. } => f.write_str(message),
            AppError::RateLimited(minutes) => {
                write!(f, "{}", tr!(errors.too_many, count = *minutes))
            }
            AppError::Unavailable => f.write_str(tr!(errors.unavailable)),
            AppError::Internal => f.write_str(tr!(errors.internal)),
            AppError::Malformed => f.write_str(tr!(errors.malformed)),
            AppError::Transport(_) => f.write_str(tr!(errors.network)),
        }
    }
}

impl std::error::Error for AppError {}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) | AppError::Stale { .. } => 409,
            AppError::RateLimited(_) => 429,
            AppError::Unavailable => 503,
            AppError::Malformed => 400,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// One field's message, when this is a validation error.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.message(name),
            _ => None,
        }
    }

    /// What the user typed into a field, echoed back with a validation error.
    pub fn kept(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) | AppError::Stale { typed: errors, .. } => errors.value(name),
            _ => None,
        }
    }

    /// A refusal that keeps what the user typed (see [`AppError::Stale`]).
    #[must_use]
    pub fn keeping(self, typed: &[(&str, String)]) -> Self {
        match self {
            AppError::Conflict(message) => {
                let mut kept = FormErrors::new();
                for (field, value) in typed {
                    kept.keep(field, value);
                }
                AppError::Stale {
                    message,
                    typed: kept,
                }
            }
            other => other,
        }
    }

    /// Marks a validation error as the one of record `id`'s form, for pages
    /// with one form per record (`pages::action_error_for`).
    #[must_use]
    pub fn for_record(self, id: Option<i64>) -> Self {
        match (self, id) {
            (AppError::Invalid(mut errors), Some(id)) => {
                errors.keep("id", &id.to_string());
                AppError::Invalid(errors)
            }
            (other, _) => other,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FormErrors::new();
        errors.add(field, message);
        AppError::Invalid(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Only the server decodes arguments: the caller sent them wrong.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::Malformed,
            other => AppError::Transport(other.to_string()),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl From<ServerFnErrorErr> for AppError {
    fn from(value: ServerFnErrorErr) -> Self {
        AppError::from_server_fn_error(value)
    }
}
