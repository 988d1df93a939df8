//! Reads a submitted form (`application/x-www-form-urlencoded`) into a
//! server function's arguments in the browser, before the call is sent.
//!
//! Leptos's `ServerForm` does this with serde_qs, whose reader is generic
//! over every argument type; monomorphised for each of the portal's forms it
//! was about 210 KB of the browser code (9–18% of an area's module). Our
//! arguments are flat fields and one level of `name[key]` maps (checkbox
//! groups), so this reader covers those and reads them the way serde_qs
//! does: an empty value is `None` for an `Option`, numbers and booleans are
//! parsed from the text, a repeated name refuses the whole form, and other
//! names are ignored (`tests` checks that both agree). The server still
//! reads the body it is sent with serde_qs and has the last word; this only
//! builds the arguments the browser sends.

use serde::de::value::{MapDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;
use std::fmt;

/// Why a form could not be read into the arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Reads url-encoded form fields into `T`.
pub fn from_str<T: DeserializeOwned>(body: &str) -> Result<T, Error> {
    T::deserialize(Fields(parse(body)))
}

/// One submitted name: a value, a `name[key]` map, a repeated name (which
/// refuses the form, as serde_qs does), or a shape this reader does not
/// read (a list, deeper nesting), refused only if the function reads it.
#[derive(Debug)]
enum Field {
    Text(String),
    Map(Vec<(String, String)>),
    Repeated(String),
    Unsupported(String),
}

fn parse(body: &str) -> Vec<(String, Field)> {
    let mut fields: Vec<(String, Field)> = Vec::new();
    for (key, value) in form_urlencoded::parse(body.as_bytes()) {
        let (name, sub) = split_key(&key);
        let value = value.into_owned();
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some((_, field)) => field.add(&key, sub, value),
            None => fields.push((name.to_owned(), Field::new(sub, value))),
        }
    }
    fields
}

impl Field {
    fn new(sub: Result<Option<&str>, String>, value: String) -> Self {
        match sub {
            Ok(None) => Field::Text(value),
            Ok(Some(sub)) => Field::Map(vec![(sub.to_owned(), value)]),
            Err(why) => Field::Unsupported(why),
        }
    }

    /// Another value under a name already seen.
    fn add(&mut self, key: &str, sub: Result<Option<&str>, String>, value: String) {
        match (&mut *self, sub) {
            (Field::Repeated(_) | Field::Unsupported(_), _) => {}
            (Field::Map(map), Ok(Some(sub))) if !map.iter().any(|(k, _)| k == sub) => {
                map.push((sub.to_owned(), value));
            }
            (_, Err(why)) => *self = Field::Unsupported(why),
            _ => *self = Field::Repeated(format!("Multiple values for one key: \"{key}\"")),
        }
    }
}

/// `name` → (`name`, None); `name[key]` → (`name`, Some(`key`)).
fn split_key(key: &str) -> (&str, Result<Option<&str>, String>) {
    let Some((name, rest)) = key.split_once('[') else {
        return (key, Ok(None));
    };
    match rest.strip_suffix(']') {
        Some(sub) if !sub.is_empty() && !sub.contains(['[', ']']) => (name, Ok(Some(sub))),
        _ => (
            name,
            Err(format!("\"{key}\": only one level of name[key] is read")),
        ),
    }
}

/// The whole form: a map from names to fields.
struct Fields(Vec<(String, Field)>);

impl<'de> de::Deserializer<'de> for Fields {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(FieldsAccess {
            fields: self.0.into_iter(),
            value: None,
        })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct FieldsAccess {
    fields: std::vec::IntoIter<(String, Field)>,
    value: Option<Field>,
}

impl<'de> MapAccess<'de> for FieldsAccess {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.fields.next() {
            Some((name, field)) => {
                self.value = Some(field);
                let name: StringDeserializer<Error> = name.into_deserializer();
                seed.deserialize(name).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let field = self
            .value
            .take()
            .ok_or_else(|| Error("a value was read before its name".into()))?;
        seed.deserialize(field)
    }
}

/// Parses the field's text as `$ty`, as serde_qs does for numbers and booleans.
macro_rules! parse_text {
    ($($method:ident => $visit:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                match self {
                    Field::Text(text) => visitor.$visit(text.parse::<$ty>().map_err(de::Error::custom)?),
                    other => other.deserialize_any(visitor),
                }
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for Field {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Field::Text(text) => visitor.visit_string(text),
            Field::Map(map) => visitor.visit_map(MapDeserializer::new(map.into_iter())),
            Field::Repeated(why) | Field::Unsupported(why) => Err(Error(why)),
        }
    }

    parse_text! {
        deserialize_bool => visit_bool: bool,
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Field::Text(text) if text.is_empty() => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Field::Text(text) if text.is_empty() => visitor.visit_unit(),
            _ => Err(Error("expected unit".into())),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Field::Text(text) => visitor.visit_enum(text.into_deserializer()),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Field::Repeated(why) => Err(Error(why)),
            _ => visitor.visit_unit(),
        }
    }

    forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit_struct seq tuple
        tuple_struct map struct identifier
    }
}

#[cfg(test)]
mod tests {
    use super::from_str;
    use proptest::prelude::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    /// Shaped like the portal's server-function arguments.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Args {
        id: i64,
        title: String,
        #[serde(default)]
        after: Option<i64>,
        #[serde(default)]
        note: Option<String>,
        #[serde(default)]
        version: i32,
        #[serde(default)]
        tiers: BTreeMap<String, String>,
    }

    fn qs(body: &str) -> Result<Args, String> {
        serde_qs::Config::new(5, false)
            .deserialize_str::<Args>(body)
            .map_err(|e| e.to_string())
    }

    fn ours(body: &str) -> Result<Args, String> {
        from_str::<Args>(body).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_fields_options_and_maps() {
        let args = ours("id=7&title=Spring+webinar%21&after=&note=hi&tiers%5Bgold%5D=on&tiers[silver]=on&extra=x").unwrap();
        assert_eq!(args.id, 7);
        assert_eq!(args.title, "Spring webinar!");
        assert_eq!(args.after, None);
        assert_eq!(args.note.as_deref(), Some("hi"));
        assert_eq!(args.version, 0);
        assert_eq!(args.tiers.keys().collect::<Vec<_>>(), ["gold", "silver"]);
    }

    #[test]
    fn reads_numbered_keys_like_serde_qs() {
        let body = "id=1&title=x&tiers[12]=on&tiers[7]=off";
        assert_eq!(ours(body), qs(body));
        assert_eq!(ours(body).unwrap().tiers.len(), 2);
    }

    #[test]
    fn refuses_what_serde_qs_refuses() {
        for body in [
            "title=x",           // id missing
            "id=seven&title=x",  // not a number
            "id=1&id=2&title=x", // repeated name
            "id=1&title=x&tiers[a]=1&tiers[a]=2",
            "id=1&title=x&tiers[a][b]=1",
            "id=1&title[a]=x", // a map where text is read
        ] {
            assert!(ours(body).is_err(), "{body} was read");
            assert!(qs(body).is_err(), "serde_qs read {body}");
        }
        // A repeated name refuses the form even if it is not an argument;
        // a list or deeper map under another name is ignored.
        assert!(ours("id=1&title=x&unused=1&unused=2").is_err());
        assert!(qs("id=1&title=x&unused=1&unused=2").is_err());
        for body in [
            "id=1&title=x&list[]=1&list[]=2",
            "id=1&title=x&deep[a][b]=1",
        ] {
            assert!(ours(body).is_ok(), "{body} was refused");
            assert!(qs(body).is_ok(), "serde_qs refused {body}");
        }
    }

    fn field() -> impl Strategy<Value = (String, String)> {
        let name = prop_oneof![
            Just("id".to_owned()),
            Just("title".to_owned()),
            Just("after".to_owned()),
            Just("note".to_owned()),
            Just("version".to_owned()),
            Just("other".to_owned()),
            Just("list[]".to_owned()),
            "[a-c]{1,2}".prop_map(|k| format!("tiers[{k}]")),
        ];
        let value = prop_oneof![Just(String::new()), "-?[0-9]{1,4}", ".{0,12}",];
        (name, value)
    }

    proptest! {
        /// Any mix of the argument names, repeated or missing, with numbers,
        /// empty values and arbitrary text: both readers give the same
        /// arguments or both refuse.
        #[test]
        fn agrees_with_serde_qs(fields in proptest::collection::vec(field(), 0..9)) {
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(fields.iter())
                .finish();
            let (a, b) = (ours(&body), qs(&body));
            prop_assert_eq!(a.is_ok(), b.is_ok(), "{} → ours {:?}, serde_qs {:?}", body, a, b);
            if let (Ok(a), Ok(b)) = (a, b) {
                prop_assert_eq!(a, b);
            }
        }
    }
}
