//! Generates the i18n module from `locales/en.json` and `locales/de.json`.
//! A key present in one language and missing in the other fails the build.
//!
//! Strings without interpolation, markup or plural forms ("plain" strings,
//! most of the catalogue) are also numbered (`page_strings.rs`): the browser
//! reads them by number from its page's language, fetched at load
//! (`locale::load_page_strings`), so the wasm carries no copy of them. The
//! browser build's leptos_i18n module is generated from the other strings
//! only; the server's from all of them.

use leptos_i18n_codegen::gen_code;
use leptos_i18n_parser::parse_locales::error::Warning;
use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};
use leptos_i18n_parser::parse_locales::parse_locales;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::{error::Error, fs, path::PathBuf};

const LANGUAGES: [&str; 2] = ["en", "de"];
const PLURAL_FORMS: [&str; 6] = ["_zero", "_one", "_two", "_few", "_many", "_other"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no manifest dir")?);
    let catalogues: Vec<Map<String, Value>> = LANGUAGES
        .iter()
        .map(|l| read_catalogue(&manifest.join("locales").join(format!("{l}.json"))))
        .collect::<Result<_, _>>()?;
    let flat: Vec<BTreeMap<String, String>> = catalogues.iter().map(flatten).collect();
    let plain: Vec<&String> = flat[0]
        .keys()
        .filter(|key| {
            flat.iter()
                .all(|c| c.get(*key).is_some_and(|t| is_plain(key, t, c)))
        })
        .collect();
    fs::write(out.join("page_strings.rs"), page_strings(&plain, &flat))?;

    // The browser keeps the library for the strings it cannot read by
    // number; the server has every string in it.
    let browser = std::env::var_os("CARGO_FEATURE_HYDRATE").is_some()
        && std::env::var_os("CARGO_FEATURE_SSR").is_none();
    let root = if browser {
        let root = out.join("catalogue");
        fs::create_dir_all(root.join("locales"))?;
        for (language, catalogue) in LANGUAGES.iter().zip(&catalogues) {
            let mut rest = catalogue.clone();
            remove_plain(&mut rest, "", &plain);
            fs::write(
                root.join("locales").join(format!("{language}.json")),
                serde_json::to_string_pretty(&rest)?,
            )?;
        }
        Some(root)
    } else {
        None
    };

    // English is the fallback: a key is declared by en.json.
    let config = Config::new("en")?
        .add_locale("de")?
        .parse_options(ParseOptions::new().interpolate_display(true));
    let parsed = parse_locales(root, config)?;
    // The browser build's filtered copies are written above on every run:
    // tracking them would rerun this script (and rebuild the crate) each
    // time. `locales` is tracked already.
    for path in parsed.tracked_files.iter().flatten() {
        if !PathBuf::from(path).starts_with(&out) {
            println!("cargo::rerun-if-changed={path}");
        }
    }
    let mut fatal: Vec<String> = parsed.diag.errors().iter().map(|e| e.to_string()).collect();
    for warning in parsed.diag.warnings().iter() {
        match warning {
            Warning::MissingKey { .. } | Warning::SurplusKey { .. } => {
                fatal.push(warning.to_string())
            }
            _ => println!("cargo::warning={warning}"),
        }
    }
    if !fatal.is_empty() {
        return Err(format!("the catalogue is incomplete:\n{}", fatal.join("\n")).into());
    }
    let code = gen_code(&parsed, None, false, None, false)?;
    let dir = out.join("i18n");
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("mod.rs"), code.to_string())?;
    Ok(())
}

fn read_catalogue(path: &PathBuf) -> Result<Map<String, Value>, Box<dyn Error>> {
    match serde_json::from_str(&fs::read_to_string(path)?)? {
        Value::Object(map) => Ok(map),
        _ => Err(format!("{} is not a JSON object", path.display()).into()),
    }
}

/// "forum.title" → text, for every string in a catalogue.
fn flatten(catalogue: &Map<String, Value>) -> BTreeMap<String, String> {
    fn walk(map: &Map<String, Value>, prefix: &str, out: &mut BTreeMap<String, String>) {
        for (key, value) in map {
            let path = format!("{prefix}{key}");
            match value {
                Value::String(text) => {
                    out.insert(path, text.clone());
                }
                Value::Object(inner) => walk(inner, &format!("{path}."), out),
                _ => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(catalogue, "", &mut out);
    out
}

/// A string the library would return as it stands: no `{{ x }}`, no
/// markup, not one form of a plural (`x_one` beside an `x_other`).
fn is_plain(key: &str, text: &str, catalogue: &BTreeMap<String, String>) -> bool {
    let plural_form = PLURAL_FORMS.iter().any(|form| {
        key.strip_suffix(form)
            .is_some_and(|base| catalogue.contains_key(&format!("{base}_other")))
    });
    // `$t(key)` is another key's text, which the library fills in.
    !text.contains("{{") && !text.contains('<') && !text.contains("$t(") && !plural_form
}

fn remove_plain(map: &mut Map<String, Value>, prefix: &str, plain: &[&String]) {
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        let path = format!("{prefix}{key}");
        let empty = match map.get_mut(&key) {
            Some(Value::String(_)) if plain.iter().any(|p| **p == path) => true,
            Some(Value::Object(inner)) => {
                remove_plain(inner, &format!("{path}."), plain);
                inner.is_empty()
            }
            _ => false,
        };
        if empty {
            map.remove(&key);
        }
    }
}

/// The numbers of the plain strings, as nested modules of constants
/// (`keys::forum::title`), and each language's plain strings in that order
/// (server only: it serves them to the browser).
fn page_strings(plain: &[&String], flat: &[BTreeMap<String, String>]) -> String {
    #[derive(Default)]
    struct Node {
        consts: Vec<(String, usize)>,
        children: BTreeMap<String, Node>,
    }
    let mut root = Node::default();
    for (i, key) in plain.iter().enumerate() {
        let parts: Vec<&str> = key.split('.').collect();
        let Some((last, path)) = parts.split_last() else {
            continue;
        };
        let mut node = &mut root;
        for part in path {
            node = node.children.entry((*part).to_owned()).or_default();
        }
        node.consts.push(((*last).to_owned(), i));
    }
    fn emit(node: &Node, out: &mut String) {
        for (name, i) in &node.consts {
            let _ = writeln!(out, "pub const {name}: usize = {i};");
        }
        for (name, child) in &node.children {
            let _ = writeln!(out, "pub mod {name} {{");
            emit(child, out);
            out.push_str("}\n");
        }
    }
    let mut out = format!(
        "/// How many plain strings there are: a page's array must hold them all.\n\
         pub const COUNT: usize = {};\n\
         /// The number of each plain catalogue string (build.rs).\n\
         #[allow(non_upper_case_globals, dead_code)]\npub mod keys {{\n",
        plain.len()
    );
    emit(&root, &mut out);
    out.push_str("}\n");
    // The server renders a plain string through the library and the browser
    // reads it from these arrays: a test holds them to the same text.
    out.push_str(
        "#[cfg(all(test, feature = \"ssr\"))]\n#[test]\nfn plain_strings_are_the_librarys() {\n",
    );
    for language in LANGUAGES {
        for key in plain {
            let _ = writeln!(
                out,
                "    assert_eq!({upper}[keys::{path}], leptos_i18n::td_string!(crate::i18n::Locale::{language}, {key}), {key:?});",
                upper = language.to_uppercase(),
                path = key.replace('.', "::"),
            );
        }
    }
    out.push_str("}\n");
    for (language, strings) in LANGUAGES.iter().zip(flat) {
        let _ = writeln!(
            out,
            "#[cfg(feature = \"ssr\")]\npub static {}: [&str; {}] = [",
            language.to_uppercase(),
            plain.len()
        );
        for key in plain {
            let _ = writeln!(out, "    {:?},", strings[*key]);
        }
        out.push_str("];\n");
    }
    out
}
