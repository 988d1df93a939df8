//! Reusable UI pieces.

pub mod avatar;
pub mod field;
pub mod language;
pub mod layout;
pub mod nav;
pub mod notice;
pub mod partner_field;
pub mod server_form;
pub mod versions;
