pub mod headers;
pub mod origin;
pub mod session;
