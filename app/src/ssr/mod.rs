//! Server-only code: configuration, database access, workflows and mail.
//! Nothing here is compiled into the browser bundle.

pub mod assets;
pub mod cobrand;
pub mod company_match;
pub mod config;
pub mod context;
pub mod countries;
pub mod csp;
pub mod csv_file;
pub mod db;
pub mod documents;
pub mod entities;
pub mod forum;
pub mod jobs;
pub mod local_time;
pub mod mail;
pub mod password;
pub mod permission;
pub mod plain_text;
pub mod repo;
pub mod scope;
pub mod seed;
pub mod services;
#[cfg(test)]
mod source_rules;
pub mod state;
pub mod storage;
pub mod tenant_cache;
pub mod tokens;

pub use context::{Actor, ClientIp, RequestTenant};
pub use scope::Scope;
pub use state::AppState;
