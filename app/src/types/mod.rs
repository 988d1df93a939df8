//! Wire types shared by the server and the browser: identifiers, enums,
//! validated inputs and the views the pages render.

pub mod email;
pub mod form;
pub mod mdf;
pub mod money;
pub mod org;
pub mod role;
pub mod views;

pub use email::Email;
pub use form::FormErrors;
pub use org::{OrgKind, PartnerType, Region, Segment, Tier};
pub use role::Role;
