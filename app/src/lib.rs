//! The partner portal: pages and components (compiled for the browser and the
//! server), server functions, and server-only code under `ssr`.

#![recursion_limit = "512"]

pub mod api;
mod boot;
pub mod cobrand;
pub mod components;
pub mod error;
pub mod form_fields;
pub mod forum;
pub mod pages;
pub mod resource;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;

mod root;

pub use root::{shell, App};
