//! The catalogue as a CSV file. The export's header and values are in the
//! reader's language; an import reads headers, units and yes/no in any of
//! the portal's languages (a German vendor's file goes back in unchanged),
//! and takes every row or none. Rows are matched by SKU: a new SKU adds a
//! product, a known one changes it. A family named in the file that does
//! not exist yet is created. Versions in other languages are kept; they
//! are edited in the product form.

use crate::error::{AppError, AppResult};
use crate::locale::{self, Locale};
use crate::ssr::csv_file::CsvFile;
use crate::ssr::entities::{product, product_family};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, products as repo_products};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::tr_in;
use crate::types::form::unix_line_breaks;
use crate::types::localized::Translations;
use crate::types::product::{
    normalise_sku, ProductUnit, MAX_FAMILY_NAME, MAX_PRODUCT_DESCRIPTION, MAX_PRODUCT_NAME,
};
use crate::types::FormErrors;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};
use std::collections::{HashMap, HashSet};

/// A larger catalogue goes in several files.
pub const MAX_IMPORT_ROWS: usize = 10_000;
/// New products per INSERT (under both databases' parameter limits).
const NEW_PER_INSERT: usize = 500;

/// The file's columns, in the order the export writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    Sku,
    Name,
    Family,
    Unit,
    Active,
    Description,
}

const COLUMNS: [Column; 6] = [
    Column::Sku,
    Column::Name,
    Column::Family,
    Column::Unit,
    Column::Active,
    Column::Description,
];

impl Column {
    fn header_in(self, l: Locale) -> &'static str {
        match self {
            Column::Sku => tr_in!(l, csv.products.sku),
            Column::Name => tr_in!(l, csv.products.name),
            Column::Family => tr_in!(l, csv.products.family),
            Column::Unit => tr_in!(l, csv.products.unit),
            Column::Active => tr_in!(l, csv.products.active),
            Column::Description => tr_in!(l, csv.products.description),
        }
    }

    /// The column a header cell names, in any language.
    fn named(header: &str) -> Option<Column> {
        let header = header.trim().to_lowercase();
        COLUMNS.into_iter().find(|c| {
            locale::all()
                .iter()
                .any(|l| c.header_in(*l).to_lowercase() == header)
        })
    }
}

fn yes_in(l: Locale) -> &'static str {
    tr_in!(l, products.yes)
}

fn no_in(l: Locale) -> &'static str {
    tr_in!(l, products.no)
}

/// "yes"/"ja"/"true"/"1" (or empty: products are sold until said
/// otherwise), "no"/"nein"/"false"/"0".
fn parse_active(raw: &str) -> Option<bool> {
    let v = raw.trim().to_lowercase();
    if v.is_empty() || matches!(v.as_str(), "true" | "1") {
        return Some(true);
    }
    if matches!(v.as_str(), "false" | "0") {
        return Some(false);
    }
    let langs = locale::all();
    if langs.iter().any(|l| yes_in(*l).to_lowercase() == v) {
        Some(true)
    } else if langs.iter().any(|l| no_in(*l).to_lowercase() == v) {
        Some(false)
    } else {
        None
    }
}

/// A unit by its code ("licence") or its name in any language ("Lizenz").
fn parse_unit(raw: &str) -> Option<ProductUnit> {
    let v = raw.trim().to_lowercase();
    ProductUnit::parse(&v).or_else(|| {
        ProductUnit::ALL.iter().copied().find(|u| {
            locale::all()
                .iter()
                .any(|l| u.label_in(*l).to_lowercase() == v)
        })
    })
}

/// One checked row of the file.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    sku: String,
    name: String,
    family: String,
    unit: ProductUnit,
    active: bool,
    description: String,
}

#[derive(Debug, PartialEq)]
enum Unreadable {
    /// The first line does not name the required columns.
    Header,
    /// Each problem, as a sentence naming its line.
    Rows(Vec<String>),
}

/// Checks every row; nothing touches the database, so hostile files can be
/// thrown at it in tests.
fn parse_rows(csv_text: &str) -> Result<Vec<Row>, Unreadable> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers: Vec<Option<Column>> = match reader.headers() {
        Ok(h) => h.iter().map(Column::named).collect(),
        Err(_) => return Err(Unreadable::Header),
    };
    let position = |c: Column| headers.iter().position(|h| *h == Some(c));
    let required = [Column::Sku, Column::Name, Column::Family, Column::Unit];
    if required.iter().any(|c| position(*c).is_none()) {
        return Err(Unreadable::Header);
    }
    let positions: HashMap<Column, usize> = COLUMNS
        .iter()
        .filter_map(|c| position(*c).map(|p| (*c, p)))
        .collect();
    let mut problems: Vec<String> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if i >= MAX_IMPORT_ROWS {
            problems.push(tr!(products.csv_too_many, max = MAX_IMPORT_ROWS).to_string());
            break;
        }
        let Ok(record) = record else {
            problems.push(tr!(products.csv_unreadable, line).to_string());
            continue;
        };
        let cell = |c: Column| {
            positions
                .get(&c)
                .and_then(|p| record.get(*p))
                .unwrap_or("")
                .to_owned()
        };
        match check_row(&cell) {
            Ok(row) if !seen.insert(row.sku.clone()) => problems.push(
                tr!(
                    products.csv_row,
                    line,
                    problems = tr!(products.csv_sku_twice, sku = &row.sku).to_string()
                )
                .to_string(),
            ),
            Ok(row) => rows.push(row),
            Err(found) => {
                problems.push(tr!(products.csv_row, line, problems = found.join("; ")).to_string())
            }
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(tr!(products.csv_no_rows).into());
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(Unreadable::Rows(problems))
    }
}

/// The row, or every problem with it.
fn check_row(cell: &dyn Fn(Column) -> String) -> Result<Row, Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    let sku = normalise_sku(&cell(Column::Sku))
        .map_err(|p| found.push(p.message()))
        .ok();
    let name = cell(Column::Name).trim().to_owned();
    if name.is_empty() {
        found.push(tr!(products.csv_no_name).into());
    } else if name.chars().count() > MAX_PRODUCT_NAME {
        found.push(tr!(products.csv_name_long, max = MAX_PRODUCT_NAME).to_string());
    }
    let family = cell(Column::Family).trim().to_owned();
    if family.is_empty() {
        found.push(tr!(products.csv_no_family).into());
    } else if family.chars().count() > MAX_FAMILY_NAME {
        found.push(tr!(products.csv_family_long, max = MAX_FAMILY_NAME).to_string());
    }
    let unit_raw = cell(Column::Unit);
    let unit = parse_unit(&unit_raw);
    if unit.is_none() {
        found.push(tr!(products.csv_unit, unit = unit_raw.trim()).to_string());
    }
    let active_raw = cell(Column::Active);
    let active = parse_active(&active_raw);
    if active.is_none() {
        found.push(tr!(products.csv_active, value = active_raw.trim()).to_string());
    }
    let description = unix_line_breaks(cell(Column::Description).trim());
    if description.chars().count() > MAX_PRODUCT_DESCRIPTION {
        found.push(tr!(products.csv_description_long, max = MAX_PRODUCT_DESCRIPTION).to_string());
    }
    match (sku, unit, active, found.is_empty()) {
        (Some(sku), Some(unit), Some(active), true) => Ok(Row {
            sku,
            name,
            family,
            unit,
            active,
            description,
        }),
        _ => Err(found),
    }
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub created: usize,
    pub updated: usize,
}

/// Imports a catalogue file: every row or none.
pub async fn import(state: &AppState, actor: &Actor, csv_text: &str) -> AppResult<Imported> {
    actor.require(Permission::ManageProducts)?;
    let refuse = |message: String| {
        let mut e = FormErrors::new().with_values(&[("csv", csv_text)]);
        e.add("csv", message);
        AppError::Invalid(e)
    };
    let rows = match parse_rows(csv_text) {
        Ok(rows) => rows,
        Err(Unreadable::Header) => {
            return Err(refuse(
                tr!(
                    products.csv_header,
                    columns = header_line(locale::current())
                )
                .to_string(),
            ))
        }
        Err(Unreadable::Rows(problems)) => {
            return Err(refuse(
                tr!(products.nothing_imported, problems = problems.join(" ")).to_string(),
            ))
        }
    };
    write_rows(state, actor, rows).await
}

/// The header an export writes, for the message naming what is expected.
fn header_line(l: Locale) -> String {
    COLUMNS
        .iter()
        .map(|c| c.header_in(l))
        .collect::<Vec<_>>()
        .join(",")
}

/// Families by every name they go by (original and versions), lowercased.
fn family_index(families: &[product_family::Model]) -> HashMap<String, i64> {
    let mut index = HashMap::new();
    for f in families {
        index.insert(f.name.to_lowercase(), f.id);
        let versions = Translations::parse(&f.translations);
        for l in locale::all() {
            if let Some(name) = versions.get(*l, "name") {
                index.entry(name.to_lowercase()).or_insert(f.id);
            }
        }
    }
    index
}

async fn write_rows(state: &AppState, actor: &Actor, rows: Vec<Row>) -> AppResult<Imported> {
    let scope = Scope::new(actor);
    let txn = begin_write(&state.db).await?;
    let now = now();
    let language = locale::current_code().to_owned();
    let mut families = family_index(&repo_products::families(&txn, &scope).await?);
    let mut known: HashMap<String, product::Model> = scope
        .products()
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| (p.sku.clone(), p))
        .collect();
    let mut done = Imported::default();
    let mut fresh: Vec<product::ActiveModel> = Vec::new();
    for row in rows {
        let family_id = match families.get(&row.family.to_lowercase()) {
            Some(id) => *id,
            None => {
                let created = product_family::ActiveModel {
                    tenant_id: Set(actor.tenant_id),
                    name: Set(row.family.clone()),
                    language: Set(language.clone()),
                    translations: Set(String::new()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                families.insert(row.family.to_lowercase(), created.id);
                created.id
            }
        };
        match known.remove(&row.sku) {
            Some(existing) => {
                if changes(&existing, &row, family_id) {
                    let mut m: product::ActiveModel = existing.into();
                    m.name = Set(row.name);
                    m.description = Set(row.description);
                    m.family_id = Set(family_id);
                    m.unit = Set(row.unit);
                    m.active = Set(row.active);
                    m.updated_at = Set(now);
                    m.update(&txn).await?;
                    done.updated += 1;
                }
            }
            None => {
                fresh.push(product::ActiveModel {
                    tenant_id: Set(actor.tenant_id),
                    family_id: Set(family_id),
                    sku: Set(row.sku),
                    name: Set(row.name),
                    description: Set(row.description),
                    unit: Set(row.unit),
                    active: Set(row.active),
                    language: Set(language.clone()),
                    translations: Set(String::new()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                });
            }
        }
    }
    // New products go in many to a statement: a 10,000-row file is 20
    // statements, not 10,000.
    done.created = fresh.len();
    for batch in fresh.chunks(NEW_PER_INSERT) {
        product::Entity::insert_many(batch.iter().cloned())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(done)
}

fn changes(p: &product::Model, row: &Row, family_id: i64) -> bool {
    p.name != row.name
        || p.description != row.description
        || p.family_id != family_id
        || p.unit != row.unit
        || p.active != row.active
}

/// The whole catalogue as CSV, for vendor staff, in the reader's language.
pub async fn export(state: &AppState, actor: &Actor) -> AppResult<String> {
    actor.require(Permission::ManageProducts)?;
    let scope = Scope::new(actor);
    let reader = locale::current();
    let families: HashMap<i64, product_family::Model> = repo_products::families(&state.db, &scope)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let products = scope
        .products()
        .order_by_asc(product::Column::Sku)
        .all(&state.db)
        .await?;
    let mut file = CsvFile::new("products", COLUMNS.iter().map(|c| c.header_in(reader)))?;
    for p in &products {
        // The texts as stored: the file goes back in as it came out.
        let family = families.get(&p.family_id).map_or("", |f| f.name.as_str());
        file.row([
            p.sku.as_str(),
            p.name.as_str(),
            family,
            p.unit.label_in(reader),
            if p.active {
                yes_in(reader)
            } else {
                no_in(reader)
            },
            p.description.as_str(),
        ])?;
    }
    file.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_either_language_reads_the_same() {
        let en = "SKU,Name,Family,Unit,Active,Description\nap-515,Access point 515,Wireless,Piece,yes,Indoor\n";
        let de = "Artikelnummer,Name,Produktfamilie,Einheit,Aktiv,Beschreibung\nAP-515,Access point 515,Wireless,Stück,ja,Indoor\n";
        let from_en = parse_rows(en).unwrap();
        assert_eq!(from_en, parse_rows(de).unwrap());
        assert_eq!(from_en[0].sku, "AP-515");
        assert_eq!(from_en[0].unit, ProductUnit::Piece);
        assert!(from_en[0].active);
    }

    #[test]
    fn every_problem_is_named_by_line_and_nothing_is_taken() {
        let file = "sku,name,family,unit,active\nA-1,One,Switches,piece,\nA 2,,Switches,crate,maybe\na-1,Again,Switches,piece,no\n";
        let Err(Unreadable::Rows(problems)) = parse_rows(file) else {
            panic!("a bad file was taken");
        };
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("Row 3"), "{problems:?}");
        assert!(problems[1].starts_with("Row 4"), "{problems:?}");
        assert!(problems[1].contains("A-1"), "{problems:?}");
    }

    #[test]
    fn a_file_without_the_columns_is_refused() {
        assert_eq!(parse_rows("sku,name\nA,B\n"), Err(Unreadable::Header));
        assert_eq!(parse_rows(""), Err(Unreadable::Header));
        assert!(matches!(
            parse_rows("sku,name,family,unit\n"),
            Err(Unreadable::Rows(_))
        ));
    }

    #[test]
    fn hostile_cells_are_refused_or_kept_as_text() {
        let file = "sku,name,family,unit\n=cmd|x,=HYPERLINK(\"x\"),<b>F</b>,piece\nB-1,=HYPERLINK(\"x\"),<b>F</b>,piece\n";
        let Err(Unreadable::Rows(problems)) = parse_rows(file) else {
            panic!("a formula SKU was taken");
        };
        assert_eq!(problems.len(), 1);
        let ok =
            parse_rows("sku,name,family,unit\nB-1,=HYPERLINK(\"x\"),<b>F</b>,piece\n").unwrap();
        assert_eq!(
            ok[0].name, "=HYPERLINK(\"x\")",
            "kept as typed; the export neutralises it"
        );
    }

    #[test]
    fn yes_and_no_in_every_language() {
        for v in ["", "yes", "Ja", "TRUE", "1"] {
            assert_eq!(parse_active(v), Some(true), "{v}");
        }
        for v in ["no", "Nein", "false", "0"] {
            assert_eq!(parse_active(v), Some(false), "{v}");
        }
        assert_eq!(parse_active("maybe"), None);
    }
}
