//! Co-branding: the template model, text fitting, guardrails and rendering.
//! Plain Rust shared by both builds: the editor's live preview in the browser
//! and the server's export run exactly this code, so what the partner sees is
//! what they download. Parsing and sanitising uploaded SVG is server-only
//! (`ssr::cobrand`); the browser receives the compiled [`Plan`].

pub mod fit;
pub mod guardrails;
pub mod metrics;
#[rustfmt::skip]
mod metrics_table;
pub mod model;
pub mod render;

pub use guardrails::{check, Issue};
pub use model::{Binding, FontWeight, ImageSource, Part, Plan, Slot, SlotKind, TextBox, Values};
pub use render::{render, RenderOptions};
