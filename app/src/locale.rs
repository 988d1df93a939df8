//! The language a page is in. The server picks it once per request (the
//! user's choice, else the `lang` cookie, else `Accept-Language`), renders
//! `<html lang>` from it, and the browser reads it back from there: one
//! language per page load, so strings need no reactive tracking and a
//! language switch is a form post that reloads the page.

pub use crate::i18n::Locale;
use std::str::FromStr;

// The browser's plural rules; the server uses ICU's compiled data, which
// the module's tests check it against.
#[cfg(any(test, all(feature = "hydrate", not(feature = "ssr"))))]
mod plural_rules;
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub use plural_rules::install as install_plural_rules;

/// The cookie that remembers a signed-out visitor's choice.
pub const COOKIE: &str = "lang";

/// Every language the portal speaks, in the order the switch lists them.
pub fn all() -> &'static [Locale] {
    <Locale as leptos_i18n::Locale>::get_all()
}

/// The stored or submitted code ("de"), if it names a language we speak.
pub fn parse(code: &str) -> Option<Locale> {
    let code = code.trim();
    all().iter().copied().find(|l| code_of(*l) == code)
}

/// The code stored for a user and sent in `<html lang>`.
pub fn code_of(locale: Locale) -> &'static str {
    leptos_i18n::Locale::as_str(locale)
}

/// The best language for an `Accept-Language` header: entries by quality,
/// the first whose primary subtag we speak; English when none is.
pub fn negotiate(header: &str) -> Locale {
    let mut tags: Vec<(u16, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, entry)| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let quality =
                parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1000), |q| {
                        f32::from_str(q.trim())
                            .ok()
                            .filter(|q| (0.0..=1.0).contains(q))
                            .map(|q| (q * 1000.0) as u16)
                    })?;
            (quality > 0 && !tag.is_empty()).then_some((quality, position, tag))
        })
        .collect();
    tags.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    tags.iter()
        .find_map(|(_, _, tag)| {
            let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
            parse(&primary)
        })
        .unwrap_or_default()
}

/// A language's name in itself ("Deutsch"), as a switch offers it. Not in
/// the catalogue: it reads the same on every page, and the browser holds
/// only its page's language.
pub fn endonym(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::de => "Deutsch",
    }
}

/// The code of the current language ("de"), for `<html lang>` and formats.
pub fn current_code() -> &'static str {
    code_of(current())
}

/// The language of the current request (server) or page (browser).
pub fn current() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        if let Some(locale) = use_context::<Locale>() {
            return locale;
        }
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Locale>().copied())
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        page_locale()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

/// `<html lang>` as the server rendered it, read once.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn page_locale() -> Locale {
    thread_local! {
        static PAGE: Locale = leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| parse(&lang))
            .unwrap_or_default();
    }
    PAGE.with(|l| *l)
}

/// A day as the language writes it: "6 Dec 2026", "06.12.2026". Formatted
/// by the same code on the server and in the browser, so a hydrated page
/// reads as it was rendered; no locale data is needed for two languages.
pub fn date_in(locale: Locale, day: chrono::NaiveDate) -> String {
    match locale {
        Locale::de => day.format("%d.%m.%Y").to_string(),
        Locale::en => day.format("%-d %b %Y").to_string(),
    }
}

/// A number with `places` decimals as the language writes it: "20.5",
/// "20,5" (no grouping: these are shares, scores and hours, not money).
pub fn decimal_in(locale: Locale, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match locale {
        Locale::de => text.replace('.', ","),
        Locale::en => text,
    }
}

/// A number with `places` decimals in the page's language.
pub fn decimal(value: f64, places: usize) -> String {
    decimal_in(current(), value, places)
}

/// A day in the page's language.
pub fn date(day: chrono::NaiveDate) -> String {
    date_in(current(), day)
}

/// A day without its year, as chart axes label it: "6 Mar", "06.03.".
pub fn day_month_pattern() -> &'static str {
    match current() {
        Locale::de => "%d.%m.",
        Locale::en => "%-d %b",
    }
}

/// A day and a wall-clock time: "6 Dec 2026, 15:05", "06.12.2026, 15:05".
pub fn date_time_in(locale: Locale, at: chrono::NaiveDateTime) -> String {
    format!("{}, {}", date_in(locale, at.date()), at.format("%H:%M"))
}

/// The plain strings by number (`build.rs`): `keys::forum::title`, and on
/// the server each language's array.
pub mod page {
    include!(concat!(env!("OUT_DIR"), "/page_strings.rs"));
}

/// The page's plain strings, in the browser, from what `boot.js` fetched
/// (`window.__PRM_STRINGS`, the page language's array). The wasm carries no
/// copy of them: a page load ships only its language, from a file cached
/// until the catalogue changes (`/i18n/<code>.<version>.json`). False when
/// the strings are missing, and then the page stays plain HTML.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn load_page_strings() -> bool {
    use wasm_bindgen::JsCast;
    let Ok(values) = js_sys::Reflect::get(
        &leptos::prelude::window(),
        &wasm_bindgen::JsValue::from_str("__PRM_STRINGS"),
    ) else {
        return false;
    };
    let Ok(values) = values.dyn_into::<js_sys::Array>() else {
        return false;
    };
    // Strings from another build of the catalogue would be numbered
    // differently: better plain HTML than wrong words.
    if values.length() as usize != page::COUNT {
        return false;
    }
    let strings: Vec<&'static str> = values
        .iter()
        .map(|v| &*Box::leak(v.as_string().unwrap_or_default().into_boxed_str()))
        .collect();
    PAGE_STRINGS.set(strings).is_ok()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
static PAGE_STRINGS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// Plain string number `i` of the page's language.
#[doc(hidden)]
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn page_string(i: usize) -> &'static str {
    PAGE_STRINGS
        .get()
        .and_then(|strings| strings.get(i))
        .copied()
        .unwrap_or_default()
}

/// One language's plain strings as the browser loads them: a JSON array in
/// `page::keys` order, and a version that changes with it.
#[cfg(feature = "ssr")]
pub struct PageStrings {
    pub json: String,
    pub version: String,
}

/// The plain strings of `locale` for the browser (computed once).
#[cfg(feature = "ssr")]
pub fn page_strings(locale: Locale) -> &'static PageStrings {
    use std::hash::{Hash, Hasher};
    use std::sync::LazyLock;
    fn of(strings: &[&str]) -> PageStrings {
        // An array of strings always serialises.
        let json = serde_json::to_string(strings).unwrap_or_else(|_| "[]".into());
        let mut hasher = std::hash::DefaultHasher::new();
        json.hash(&mut hasher);
        PageStrings {
            json,
            version: format!("{:016x}", hasher.finish()),
        }
    }
    static EN: LazyLock<PageStrings> = LazyLock::new(|| of(&page::EN));
    static DE: LazyLock<PageStrings> = LazyLock::new(|| of(&page::DE));
    match locale {
        Locale::en => &EN,
        Locale::de => &DE,
    }
}

/// Where the browser fetches `locale`'s strings; the version in the name
/// lets the file be cached for good.
#[cfg(feature = "ssr")]
pub fn page_strings_path(locale: Locale) -> String {
    format!(
        "/i18n/{}.{}.json",
        code_of(locale),
        page_strings(locale).version
    )
}

/// A catalogue string in the current language:
/// `tr!(auth.sign_in)`, `tr!(dashboard.hello, name = first)`. In the
/// browser a plain string (no arguments) is read by number from the page's
/// strings; the rest come from the library.
#[macro_export]
#[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
macro_rules! tr {
    ($($key_and_args:tt)*) => {
        leptos_i18n::td_string!($crate::locale::current(), $($key_and_args)*)
    };
}

#[macro_export]
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
macro_rules! tr {
    ($($key:ident).+) => {
        $crate::locale::page_string($crate::locale::page::keys::$($key)::+)
    };
    ($($key_and_args:tt)*) => {
        leptos_i18n::td_string!($crate::locale::current(), $($key_and_args)*)
    };
}

/// The same in a given language, for mails to someone else: `tr_in!(lang, …)`.
/// The browser has only its page's language (a label is only ever asked for
/// in it there).
#[macro_export]
#[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
macro_rules! tr_in {
    ($locale:expr, $($key_and_args:tt)*) => {
        leptos_i18n::td_string!($locale, $($key_and_args)*)
    };
}

#[macro_export]
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
macro_rules! tr_in {
    ($locale:expr, $($key:ident).+) => {{
        let _ = $locale;
        $crate::locale::page_string($crate::locale::page::keys::$($key)::+)
    }};
    ($locale:expr, $($key_and_args:tt)*) => {
        leptos_i18n::td_string!($locale, $($key_and_args)*)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_use_the_language_s_separator() {
        assert_eq!(decimal_in(Locale::en, 20.04, 1), "20.0");
        assert_eq!(decimal_in(Locale::de, 20.05, 2), "20,05");
        assert_eq!(decimal_in(Locale::de, 7.0, 0), "7");
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        assert_eq!(date_in(Locale::en, day), "6 Mar 2026");
        assert_eq!(date_in(Locale::de, day), "06.03.2026");
        let at = day.and_hms_opt(15, 5, 0).unwrap();
        assert_eq!(date_time_in(Locale::en, at), "6 Mar 2026, 15:05");
        assert_eq!(date_time_in(Locale::de, at), "06.03.2026, 15:05");
    }

    #[test]
    fn negotiates_by_quality_then_order() {
        assert_eq!(negotiate("de-DE,de;q=0.9,en;q=0.8"), Locale::de);
        assert_eq!(negotiate("en-GB,de;q=0.9"), Locale::en);
        assert_eq!(negotiate("fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7"), Locale::de);
        assert_eq!(negotiate("en;q=0.5,de;q=0.8"), Locale::de);
        assert_eq!(negotiate("DE"), Locale::de);
    }

    #[test]
    fn unknown_or_broken_headers_fall_back_to_english() {
        assert_eq!(negotiate(""), Locale::en);
        assert_eq!(negotiate("fr,it"), Locale::en);
        assert_eq!(negotiate("de;q=0,en;q=0.1"), Locale::en);
        assert_eq!(negotiate("de;q=abc"), Locale::en);
        assert_eq!(negotiate(";;,,;q=1"), Locale::en);
    }

    #[test]
    fn codes_round_trip() {
        for locale in all() {
            assert_eq!(parse(code_of(*locale)), Some(*locale));
        }
        assert_eq!(parse("xx"), None);
    }

    /// Every key of a catalogue, as dotted paths.
    fn keys(json: &str) -> std::collections::BTreeSet<String> {
        fn walk(prefix: &str, v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
            match v {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        walk(&format!("{prefix}{k}."), v, out);
                    }
                }
                _ => {
                    out.insert(prefix.trim_end_matches('.').to_owned());
                }
            }
        }
        let mut out = std::collections::BTreeSet::new();
        walk(
            "",
            &serde_json::from_str(json).expect("a catalogue is JSON"),
            &mut out,
        );
        out
    }

    /// Keys one catalogue has and the other lacks.
    fn differences(a: &str, b: &str) -> Vec<String> {
        let (a, b) = (keys(a), keys(b));
        a.symmetric_difference(&b).cloned().collect()
    }

    /// build.rs refuses to build with a key in one language only; this
    /// says which keys, in `make test`'s own words.
    #[test]
    fn english_and_german_have_the_same_keys() {
        let en = include_str!("../locales/en.json");
        let de = include_str!("../locales/de.json");
        assert_eq!(differences(en, de), Vec::<String>::new());
        assert!(keys(en).len() > 900, "the whole portal is in the catalogue");
    }

    /// The generated module names a function after each key (and each
    /// plural's base): a Rust keyword there breaks the build with a
    /// message that does not say which key.
    #[test]
    fn keys_are_not_rust_keywords() {
        const KEYWORDS: &[&str] = &[
            "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn",
            "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
            "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
            "use", "where", "while", "async", "await", "dyn", "try", "new",
        ];
        let bad: Vec<String> = keys(include_str!("../locales/en.json"))
            .into_iter()
            .filter(|key| {
                key.split('.').any(|part| {
                    let base = ["_one", "_other"]
                        .iter()
                        .find_map(|s| part.strip_suffix(s))
                        .unwrap_or(part);
                    KEYWORDS.contains(&part) || KEYWORDS.contains(&base)
                })
            })
            .collect();
        assert_eq!(bad, Vec::<String>::new());
    }

    #[test]
    fn a_key_in_one_language_only_is_found() {
        let en = r#"{"a": {"b": "B", "c": "C"}}"#;
        let de = r#"{"a": {"b": "B"}, "d": "D"}"#;
        assert_eq!(differences(en, de), vec!["a.c".to_owned(), "d".to_owned()]);
    }

    #[test]
    fn plurals_and_interpolation_come_from_the_catalogue() {
        let en = tr_in!(Locale::en, errors.too_many, count = 1).to_string();
        let de = tr_in!(Locale::de, errors.too_many, count = 5).to_string();
        assert!(en.contains("1 minute "), "{en}");
        assert!(de.contains("5 Minuten"), "{de}");
    }
}
