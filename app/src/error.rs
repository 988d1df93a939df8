//! The one error type that crosses the wire. Messages are safe to show;
//! internal causes are logged on the server and never sent.

use crate::types::FormErrors;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("You don't have permission to do that.")]
    Forbidden,
    #[error("We couldn't find that.")]
    NotFound,
    #[error("Please correct the highlighted fields.")]
    Invalid(FormErrors),
    #[error("{0}")]
    Conflict(String),
    #[error("Too many attempts. Please wait {0} minutes and try again.")]
    RateLimited(u32),
    #[error("The service is temporarily unavailable. Please try again shortly.")]
    Unavailable,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The request never reached our code, or its answer could not be read.
    #[error("We couldn't reach the server. Check your connection and try again.")]
    Transport(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::RateLimited(_) => 429,
            AppError::Unavailable => 503,
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
            AppError::Invalid(errors) => errors.value(name),
            _ => None,
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
        AppError::Transport(value.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl From<ServerFnErrorErr> for AppError {
    fn from(value: ServerFnErrorErr) -> Self {
        AppError::from_server_fn_error(value)
    }
}
