//! Text a program publishes to its partners (a forum category's name, a
//! campaign's goal, a template's description) in the language it was
//! written in and, optionally, in the portal's other languages. A reader
//! sees their own language's version, else the original.

use crate::locale::{self, Locale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The versions in other languages: language code → field → text. Stored
/// as JSON in a text column next to the original fields and the code of
/// the language they are written in. Only non-empty texts are kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translations(BTreeMap<String, BTreeMap<String, String>>);

impl Translations {
    /// The stored column; anything unreadable counts as no versions, so a
    /// damaged value shows the original instead of failing a page.
    pub fn parse(column: &str) -> Self {
        serde_json::from_str(column).unwrap_or_default()
    }

    /// The value for the column; empty when there are no versions.
    pub fn to_column(&self) -> String {
        if self.0.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&self.0).unwrap_or_default()
        }
    }

    /// Sets (or, when blank, removes) one field's text in one language.
    /// Line breaks are kept as `\n`, whatever the browser sent (a
    /// textarea's `\r\n` would be a glyph the artwork cannot draw).
    pub fn set(&mut self, locale: Locale, field: &str, text: &str) {
        let code = locale::code_of(locale);
        let text = crate::types::form::unix_line_breaks(text);
        let text = text.trim();
        if text.is_empty() {
            if let Some(fields) = self.0.get_mut(code) {
                fields.remove(field);
                if fields.is_empty() {
                    self.0.remove(code);
                }
            }
        } else {
            self.0
                .entry(code.to_owned())
                .or_default()
                .insert(field.to_owned(), text.to_owned());
        }
    }

    /// One field's text in one language, if that version has it.
    pub fn get(&self, locale: Locale, field: &str) -> Option<&str> {
        self.0
            .get(locale::code_of(locale))
            .and_then(|fields| fields.get(field))
            .map(String::as_str)
    }

    /// Moves out the fields named `prefix…`, keyed without the prefix:
    /// language code → field → text.
    pub fn take_prefixed(&mut self, prefix: &str) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (code, fields) in &mut self.0 {
            let taken: Vec<String> = fields
                .keys()
                .filter(|f| f.starts_with(prefix))
                .cloned()
                .collect();
            for field in taken {
                if let Some(text) = fields.remove(&field) {
                    out.entry(code.clone())
                        .or_default()
                        .insert(field[prefix.len()..].to_owned(), text);
                }
            }
        }
        self.0.retain(|_, fields| !fields.is_empty());
        out
    }

    /// Adds fields from such a map under `prefix`: the inverse of
    /// [`Translations::take_prefixed`], for a form showing both.
    pub fn with_prefixed(
        mut self,
        prefix: &str,
        texts: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> Self {
        for (code, fields) in texts {
            for (field, text) in fields {
                self.0
                    .entry(code.clone())
                    .or_default()
                    .insert(format!("{prefix}{field}"), text.clone());
            }
        }
        self
    }

    /// What a reader in `reader`'s language sees of `field`: the original
    /// when it is written in that language or has no version in it.
    pub fn pick<'a>(
        &'a self,
        written_in: Locale,
        reader: Locale,
        field: &str,
        original: &'a str,
    ) -> &'a str {
        if reader == written_in {
            return original;
        }
        self.get(reader, field).unwrap_or(original)
    }
}

/// The language an original text is stored as written in; unknown codes
/// (none are written, but a column is a column) read as English.
pub fn written_in(code: &str) -> Locale {
    locale::parse(code).unwrap_or_default()
}

/// What a reader sees of one field of a stored row: its `language` and
/// `translations` columns and the original text.
pub fn shown(
    language: &str,
    translations: &str,
    reader: Locale,
    field: &str,
    original: &str,
) -> String {
    if translations.is_empty() {
        return original.to_owned();
    }
    Translations::parse(translations)
        .pick(written_in(language), reader, field, original)
        .to_owned()
}

/// A stored row whose text is published in two languages: its `language`
/// and `translations` columns; each text field is then read per reader
/// with `shown_to`.
pub trait Published {
    fn language(&self) -> &str;
    fn translations(&self) -> &str;

    /// What a reader in `reader`'s language sees of `field` (stored as
    /// `original`).
    fn shown_to(&self, reader: Locale, field: &str, original: &str) -> String {
        shown(
            self.language(),
            self.translations(),
            reader,
            field,
            original,
        )
    }
}

/// The languages a form offers versions in: all but the original's.
pub fn other_languages(written_in: Locale) -> Vec<Locale> {
    locale::all()
        .iter()
        .copied()
        .filter(|l| *l != written_in)
        .collect()
}

/// The form field holding `field` in `locale`: "versions[name_de]", read
/// by a server function as one map (`versions`).
pub fn field_name(field: &str, locale: Locale) -> String {
    format!("versions[{}]", version_key(field, locale))
}

/// The key of `field` in `locale` within that map: "name_de".
pub fn version_key(field: &str, locale: Locale) -> String {
    format!("{field}_{}", locale::code_of(locale))
}

/// The stored texts behind a view, for the form that changes them (a
/// view's own fields hold what its reader sees): the originals, their
/// language, and the versions in the other languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    pub language: String,
    pub original: BTreeMap<String, String>,
    pub translations: Translations,
}

impl Texts {
    pub fn of(language: &str, translations: &str, original: &[(&str, &str)]) -> Self {
        Texts {
            language: language.to_owned(),
            original: original
                .iter()
                .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
                .collect(),
            translations: Translations::parse(translations),
        }
    }

    /// The original text of `field`, as stored.
    pub fn original(&self, field: &str) -> String {
        self.original.get(field).cloned().unwrap_or_default()
    }

    pub fn written_in(&self) -> Locale {
        written_in(&self.language)
    }
}

/// A form's submitted versions, checked: the language of the originals
/// (a changed record's stored one, else the form's) and each other
/// language's texts of `fields` (name, longest allowed in characters).
/// A text over its limit is named on its field.
pub fn submitted_versions(
    language: &str,
    versions: &BTreeMap<String, String>,
    fields: &[(&str, usize)],
    errors: &mut crate::types::FormErrors,
) -> (Locale, Translations) {
    let original = written_in(language);
    let mut out = Translations::default();
    for other in other_languages(original) {
        for &(field, max) in fields {
            let key = version_key(field, other);
            let text = versions.get(&key).map(String::as_str).unwrap_or("");
            errors.keep(&field_name(field, other), text);
            if crate::types::form::unix_line_breaks(text)
                .trim()
                .chars()
                .count()
                > max
            {
                errors.add(
                    &field_name(field, other),
                    crate::tr!(localized.too_long, max = max).to_string(),
                );
            }
            out.set(other, field, text);
        }
    }
    (original, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_sees_their_language_else_the_original() {
        let mut t = Translations::default();
        t.set(Locale::de, "name", "  Vertrieb ");
        assert_eq!(t.pick(Locale::en, Locale::de, "name", "Sales"), "Vertrieb");
        assert_eq!(t.pick(Locale::en, Locale::en, "name", "Sales"), "Sales");
        // No German description: the original.
        assert_eq!(t.pick(Locale::en, Locale::de, "description", "All"), "All");
        // Written in German, read in English without a version: German.
        let none = Translations::default();
        assert_eq!(
            none.pick(Locale::de, Locale::en, "name", "Vertrieb"),
            "Vertrieb"
        );
    }

    #[test]
    fn line_breaks_are_stored_as_one_kind() {
        let mut t = Translations::default();
        t.set(Locale::de, "slot:body", "eins\r\nzwei\rdrei");
        assert_eq!(t.get(Locale::de, "slot:body"), Some("eins\nzwei\ndrei"));
    }

    #[test]
    fn blank_versions_are_removed_and_round_trip() {
        let mut t = Translations::default();
        t.set(Locale::de, "name", "Vertrieb");
        t.set(Locale::de, "description", "Alles");
        let stored = t.to_column();
        assert_eq!(Translations::parse(&stored), t);
        t.set(Locale::de, "name", " ");
        t.set(Locale::de, "description", "");
        assert_eq!(t.to_column(), "");
        assert_eq!(Translations::parse(""), Translations::default());
        assert_eq!(Translations::parse("{broken"), Translations::default());
    }

    #[test]
    fn submitted_versions_are_checked_and_kept() {
        let versions: BTreeMap<String, String> = [
            ("name_de".to_owned(), " Vertrieb ".to_owned()),
            ("description_de".to_owned(), "x".repeat(11)),
            (
                "name_en".to_owned(),
                "ignored: the original is English".to_owned(),
            ),
        ]
        .into();
        let mut errors = crate::types::FormErrors::new();
        let (original, t) = submitted_versions(
            "en",
            &versions,
            &[("name", 60), ("description", 10)],
            &mut errors,
        );
        assert_eq!(original, Locale::en);
        assert_eq!(t.get(Locale::de, "name"), Some("Vertrieb"));
        assert_eq!(t.get(Locale::en, "name"), None);
        assert!(errors.message("versions[description_de]").is_some());
        assert!(errors.message("versions[name_de]").is_none());
        assert_eq!(
            errors.value("versions[name_de]").as_deref(),
            Some(" Vertrieb ")
        );
    }

    #[test]
    fn prefixed_fields_move_out_and_back() {
        let mut t = Translations::default();
        t.set(Locale::de, "name", "Flyer");
        t.set(Locale::de, "slot:legal", "Marke");
        let slots = t.take_prefixed("slot:");
        assert_eq!(slots["de"]["legal"], "Marke");
        assert_eq!(t.get(Locale::de, "slot:legal"), None);
        assert_eq!(t.get(Locale::de, "name"), Some("Flyer"));
        let back = t.clone().with_prefixed("slot:", &slots);
        assert_eq!(back.get(Locale::de, "slot:legal"), Some("Marke"));
        let mut only = Translations::default();
        only.set(Locale::de, "slot:legal", "Marke");
        only.take_prefixed("slot:");
        assert_eq!(only, Translations::default());
    }

    #[test]
    fn forms_offer_the_other_languages() {
        assert_eq!(other_languages(Locale::en), vec![Locale::de]);
        assert_eq!(other_languages(Locale::de), vec![Locale::en]);
        assert_eq!(field_name("name", Locale::de), "versions[name_de]");
    }
}
