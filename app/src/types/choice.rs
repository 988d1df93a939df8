//! A choice posted by a form (a `<select>` or the button pressed): typed
//! when it names a value, kept as sent when it does not. Server functions
//! take `Choice<T>` rather than `String`, so the domain type is in the
//! signature, and a value that names nothing (a stale form, a hand-made
//! request) still reaches the service and comes back as a field error
//! instead of failing to decode.

use super::FormErrors;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt::Display;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice<T> {
    Known(T),
    /// What was sent (empty when nothing was chosen).
    Unknown(String),
}

impl<T> Choice<T> {
    /// The value, or `message` on `field` when the form named none.
    pub fn require(&self, errors: &mut FormErrors, field: &str, message: &str) -> Option<T>
    where
        T: Copy,
    {
        match self {
            Choice::Known(value) => Some(*value),
            Choice::Unknown(_) => {
                errors.add(field, message);
                None
            }
        }
    }

    /// The value if the form named one (optional choices, filters).
    pub fn known(&self) -> Option<T>
    where
        T: Copy,
    {
        match self {
            Choice::Known(value) => Some(*value),
            Choice::Unknown(_) => None,
        }
    }
}

impl<T: Display> Choice<T> {
    /// What the form sent, for echoing it back.
    pub fn raw(&self) -> String {
        match self {
            Choice::Known(value) => value.to_string(),
            Choice::Unknown(raw) => raw.clone(),
        }
    }
}

impl<T> Default for Choice<T> {
    fn default() -> Self {
        Choice::Unknown(String::new())
    }
}

impl<T> From<T> for Choice<T> {
    fn from(value: T) -> Self {
        Choice::Known(value)
    }
}

impl<T: FromStr> Choice<T> {
    /// What a form field holds: the value it names, or the text as sent.
    pub fn parse(raw: &str) -> Self {
        match raw.trim().parse() {
            Ok(value) => Choice::Known(value),
            Err(_) => Choice::Unknown(raw.to_owned()),
        }
    }
}

impl<T: Display> Serialize for Choice<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw())
    }
}

impl<'de, T: FromStr> Deserialize<'de> for Choice<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Ok(Choice::parse(&raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Region;

    #[test]
    fn a_code_is_known_and_anything_else_is_kept_as_sent() {
        assert_eq!(Choice::<Region>::parse("emea"), Choice::Known(Region::Emea));
        assert_eq!(
            Choice::<Region>::parse("<b>emea"),
            Choice::Unknown("<b>emea".into())
        );
        let decoded: Choice<Region> = serde_json::from_str("\"apac\"").unwrap();
        assert_eq!(decoded, Choice::Known(Region::Apac));
        assert_eq!(serde_json::to_string(&decoded).unwrap(), "\"apac\"");
    }

    #[test]
    fn an_unknown_choice_is_a_field_error() {
        let mut errors = FormErrors::new();
        assert_eq!(
            Choice::<Region>::parse("x").require(&mut errors, "region", "Choose a region."),
            None
        );
        assert_eq!(
            errors.fields,
            vec![("region".to_owned(), "Choose a region.".to_owned())]
        );
    }
}
