//! Reusable UI pieces.

pub mod field;
pub mod layout;
pub mod notice;
