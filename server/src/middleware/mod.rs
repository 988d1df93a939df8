pub mod compression;
pub mod headers;
pub mod language;
pub mod malformed;
pub mod nul;
pub mod origin;
pub mod page_deadline;
pub mod session;
