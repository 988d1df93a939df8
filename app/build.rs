//! Generates the i18n module from `locales/en.json` and `locales/de.json`.
//! A key present in one language and missing in the other fails the build.

use leptos_i18n_codegen::gen_code;
use leptos_i18n_parser::parse_locales::error::Warning;
use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};
use leptos_i18n_parser::parse_locales::parse_locales;
use std::{error::Error, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    // English is the fallback: a key is declared by en.json.
    let config = Config::new("en")?
        .add_locale("de")?
        .parse_options(ParseOptions::new().interpolate_display(true));
    let parsed = parse_locales(None, config)?;
    for path in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={path}");
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
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("mod.rs"), code.to_string())?;
    Ok(())
}
