//! Wire types shared by the server and the browser: identifiers, enums,
//! validated inputs and the views the pages render.

/// Declares a closed set of values stored as snake_case strings, with labels.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value { $($code => Some($name::$variant),)+ _ => None }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

pub mod campaign;
pub mod cobrand;
pub mod email;
pub mod form;
pub mod forum;
pub mod mdf;
pub mod money;
pub mod org;
pub mod role;
pub mod url;
pub mod views;

pub use email::Email;
pub use form::FormErrors;
pub use org::{OrgKind, PartnerType, Region, Segment, Tier};
pub use role::Role;
