//! Wire types shared by the server and the browser: identifiers, enums,
//! validated inputs and the views the pages render.

/// Declares a closed set of values stored as snake_case strings, with labels
/// from the catalogue (`enums.<group>.<key>` in `app/locales/*.json`).
/// On the server the type is also a column type (sea-orm's
/// `DeriveValueType`), so an entity holds the enum, not a string, and a
/// value outside the set fails at the database boundary.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident in $group:ident { $($variant:ident => ($code:literal, $key:ident)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[cfg_attr(feature = "ssr", sea_orm(value_type = "String"))]
        pub enum $name { $($variant),+ }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::types::UnknownValue;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::parse(value).ok_or_else(|| $crate::types::UnknownValue {
                    kind: stringify!($name),
                    value: value.to_owned(),
                })
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The value's name in the current language.
            pub fn label(self) -> &'static str {
                self.label_in($crate::locale::current())
            }

            /// The value's name in `locale` (mail to someone else).
            pub fn label_in(self, locale: $crate::locale::Locale) -> &'static str {
                match self { $($name::$variant => $crate::tr_in!(locale, enums.$group.$key)),+ }
            }
        }
    };
}

/// A stored string outside its enum's set (a value written by a newer
/// release, or by hand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a {}: {:?}", self.kind, self.value)
    }
}

impl std::error::Error for UnknownValue {}

pub mod campaign;
pub mod choice;
pub mod cobrand;
pub mod deal;
pub mod email;
pub mod form;
pub mod forum;
pub mod funds;
pub mod job;
pub mod lead;
pub mod localized;
pub mod money;
pub mod notification;
pub mod org;
pub mod permission;
pub mod product;
pub mod revenue;
pub mod role;
pub mod territory;
pub mod tier;
pub mod url;
pub mod views;

pub use choice::Choice;
pub use email::Email;
pub use form::FormErrors;
pub use org::{OrgKind, Region, Segment};
pub use permission::Permission;
pub use role::Role;
