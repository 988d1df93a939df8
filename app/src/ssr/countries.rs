//! Country names in the reader's language, from CLDR through ICU4X's
//! compiled data. Server-only: pages receive names, never the data.

use crate::locale::{self, Locale};
use crate::types::territory::Country;
use icu_experimental::displaynames::multi::RegionDisplayNames;
use icu_experimental::displaynames::DisplayNamesOptions;
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One language's names: by code, and every country sorted by name.
struct Names {
    by_code: HashMap<Country, String>,
    sorted: Vec<(String, String)>,
}

/// Compares names as a reader's index does: "Österreich" next to "Oman",
/// not after "Zypern".
pub fn sort_key(name: &str) -> String {
    name.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn load(locale: Locale) -> Names {
    let names = icu_locale_core::Locale::try_from_str(locale::code_of(locale))
        .ok()
        .and_then(|l| RegionDisplayNames::try_new(l.into(), DisplayNamesOptions::default()).ok());
    let by_code: HashMap<Country, String> = Country::all()
        .map(|country| {
            let name = names
                .as_ref()
                .and_then(|n| {
                    icu_locale_core::subtags::Region::try_from_str(country.code())
                        .ok()
                        .and_then(|r| n.of(r))
                })
                .map_or_else(|| country.code().to_owned(), str::to_owned);
            (country, name)
        })
        .collect();
    let mut sorted: Vec<(String, String)> = by_code
        .iter()
        .map(|(c, n)| (c.code().to_owned(), n.clone()))
        .collect();
    sorted.sort_by_cached_key(|(code, name)| (sort_key(name), code.clone()));
    Names { by_code, sorted }
}

fn names(locale: Locale) -> &'static Names {
    static TABLES: OnceLock<Vec<(Locale, Names)>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| locale::all().iter().map(|l| (*l, load(*l))).collect());
    tables
        .iter()
        .find(|(l, _)| *l == locale)
        .or(tables.first())
        .map(|(_, n)| n)
        .unwrap_or_else(|| unreachable!("the portal speaks at least one language"))
}

/// The country's name in the reader's language.
pub fn name(country: Country, reader: Locale) -> String {
    names(reader)
        .by_code
        .get(&country)
        .cloned()
        .unwrap_or_else(|| country.code().to_owned())
}

/// Every country as (code, name), sorted by name in the reader's language.
pub fn options(reader: Locale) -> Vec<(String, String)> {
    names(reader).sorted.clone()
}

/// The named countries as (code, name), sorted by name.
pub fn options_of(
    countries: impl IntoIterator<Item = Country>,
    reader: Locale,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = countries
        .into_iter()
        .map(|c| (c.code().to_owned(), name(c, reader)))
        .collect();
    out.sort_by_cached_key(|(code, name)| (sort_key(name), code.clone()));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str) -> Country {
        Country::parse(code).unwrap()
    }

    #[test]
    fn names_come_in_both_languages() {
        assert_eq!(name(country("DE"), Locale::en), "Germany");
        assert_eq!(name(country("DE"), Locale::de), "Deutschland");
        assert_eq!(name(country("AT"), Locale::de), "Österreich");
        assert_eq!(name(country("CH"), Locale::de), "Schweiz");
        // Every code has a name of its own, not its code.
        for locale in locale::all() {
            for c in Country::all() {
                assert_ne!(name(c, *locale), c.code(), "{} in {locale:?}", c.code());
            }
        }
    }

    #[test]
    fn options_sort_as_a_reader_expects() {
        let german = options(Locale::de);
        assert_eq!(german.len(), Country::all().count());
        let position = |code: &str| german.iter().position(|(c, _)| c == code).unwrap();
        // Österreich between Oman and Pakistan, not after Zypern.
        assert!(position("OM") < position("AT") && position("AT") < position("PK"));
        assert_eq!(
            options_of(
                [country("FR"), country("DE"), country("AT"), country("DE")],
                Locale::en
            ),
            vec![
                ("AT".to_owned(), "Austria".to_owned()),
                ("FR".to_owned(), "France".to_owned()),
                ("DE".to_owned(), "Germany".to_owned()),
            ]
        );
    }
}
