//! Reusable UI pieces.

pub mod action_form;
pub mod avatar;
pub mod field;
pub mod layout;
pub mod notice;
pub mod partner_field;
