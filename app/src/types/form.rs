//! Field-level validation results that travel from the server to the form,
//! together with what the user typed so nothing is lost on a failed submit.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    /// (field name, message) in form order.
    pub fields: Vec<(String, String)>,
    /// (field name, submitted value) for non-secret fields, echoed back so a
    /// form re-rendered without JavaScript keeps the user's input.
    pub values: Vec<(String, String)>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.message(field).is_none() {
            self.fields.push((field.to_owned(), message.into()));
        }
    }

    pub fn keep(&mut self, field: &str, value: &str) {
        self.values.push((field.to_owned(), value.to_owned()));
    }

    pub fn with_values(mut self, values: &[(&str, &str)]) -> Self {
        for (field, value) in values {
            self.keep(field, value);
        }
        self
    }

    pub fn message(&self, field: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Text from a form with `\n` line breaks only: browsers submit a
/// textarea's breaks as `\r\n`, which artwork cannot draw.
pub fn unix_line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Checks shared by the browser (instant feedback) and the server (authority).
pub mod check {
    use super::FormErrors;
    use crate::types::Email;

    pub const MIN_PASSWORD: usize = 10;
    pub const MAX_PASSWORD: usize = 128;

    pub fn email(errors: &mut FormErrors, field: &str, raw: &str) -> Option<Email> {
        match Email::parse(raw) {
            Ok(email) => Some(email),
            Err(msg) => {
                errors.add(field, msg);
                None
            }
        }
    }

    pub fn required(
        errors: &mut FormErrors,
        field: &str,
        raw: &str,
        label: &str,
        max: usize,
    ) -> String {
        let value = raw.trim().to_owned();
        if value.is_empty() {
            errors.add(field, crate::tr!(checks.enter, what = label).to_string());
        } else if value.chars().count() > max {
            errors.add(
                field,
                crate::tr!(checks.too_long, what = label, max).to_string(),
            );
        }
        value
    }

    pub fn optional(
        errors: &mut FormErrors,
        field: &str,
        raw: &str,
        label: &str,
        max: usize,
    ) -> String {
        let value = raw.trim().to_owned();
        if value.chars().count() > max {
            errors.add(
                field,
                crate::tr!(checks.too_long, what = label, max).to_string(),
            );
        }
        value
    }

    pub fn new_password(errors: &mut FormErrors, password: &str, confirm: &str) {
        let len = password.chars().count();
        if len < MIN_PASSWORD {
            errors.add(
                "password",
                crate::tr!(checks.password_short, min = MIN_PASSWORD).to_string(),
            );
        } else if len > MAX_PASSWORD {
            errors.add(
                "password",
                crate::tr!(checks.password_long, max = MAX_PASSWORD).to_string(),
            );
        } else if password != confirm {
            errors.add("confirm", crate::tr!(checks.passwords_differ));
        }
    }

    /// `#rrggbb`, lower-cased.
    pub fn colour(errors: &mut FormErrors, field: &str, raw: &str) -> String {
        let value = raw.trim().to_lowercase();
        if !crate::cobrand::render::is_hex_color(&value) {
            errors.add(field, crate::tr!(checks.colour));
        }
        value
    }

    /// Empty, or an http(s) address; a bare domain gets https:// added.
    pub fn website(errors: &mut FormErrors, field: &str, raw: &str) -> String {
        let value = raw.trim();
        if value.is_empty() {
            return String::new();
        }
        let full = if value.starts_with("http://") || value.starts_with("https://") {
            value.to_owned()
        } else {
            format!("https://{value}")
        };
        let host = full
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split('/')
            .next()
            .unwrap_or("");
        if !host.contains('.') || host.chars().any(|c| c.is_whitespace()) || full.len() > 200 {
            errors.add(field, crate::tr!(checks.website));
        }
        full
    }

    /// Digits, spaces and + ( ) - . only, with at least six digits.
    pub fn phone(errors: &mut FormErrors, field: &str, raw: &str) -> String {
        let value = raw.trim().to_owned();
        if value.is_empty() {
            return value;
        }
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-./".contains(c));
        let digits = value.chars().filter(|c| c.is_ascii_digit()).count();
        if !allowed || !(6..=20).contains(&digits) {
            errors.add(field, crate::tr!(checks.phone));
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::{check, FormErrors};

    #[test]
    fn first_message_per_field_wins() {
        let mut e = FormErrors::new();
        e.add("email", "first");
        e.add("email", "second");
        assert_eq!(e.message("email").as_deref(), Some("first"));
    }

    #[test]
    fn password_rules() {
        let mut e = FormErrors::new();
        check::new_password(&mut e, "short", "short");
        assert!(e.message("password").is_some());
        let mut e = FormErrors::new();
        check::new_password(&mut e, "long enough pw", "other value!!");
        assert!(e.message("confirm").is_some());
        let mut e = FormErrors::new();
        check::new_password(&mut e, "long enough pw", "long enough pw");
        assert!(e.is_empty());
    }

    #[test]
    fn colour_website_phone() {
        let mut e = FormErrors::new();
        assert_eq!(check::colour(&mut e, "c", " #A1B2C3 "), "#a1b2c3");
        assert!(e.is_empty());
        check::colour(&mut e, "c", "red");
        assert!(e.message("c").is_some());

        let mut e = FormErrors::new();
        assert_eq!(check::website(&mut e, "w", "acme.io"), "https://acme.io");
        check::website(&mut e, "w2", "not a site");
        assert!(e.message("w2").is_some());

        let mut e = FormErrors::new();
        check::phone(&mut e, "p", "+1 (415) 555-0100");
        assert!(e.is_empty());
        check::phone(&mut e, "p2", "call me");
        assert!(e.message("p2").is_some());
    }
}
