//! A partner's own contacts: CSV import with column mapping and a row-by-row
//! preview (bad addresses, duplicates and missing consent are reported,
//! never dropped silently), and the contact list.

use crate::error::{AppError, AppResult};
use crate::ssr::entities::contact;
use crate::ssr::permission::Permission;
use crate::ssr::repo::begin_write;
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::campaign::MessageStatus;
use crate::types::campaign::{ContactField, ContactView, ContactsPage, ImportPreview, ImportRow};
use crate::types::Email;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};

/// Largest file and row count one import takes.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_ROWS: usize = 10_000;
const PAGE: u64 = 100;

/// The field a column header most likely holds.
pub fn guess(header: &str) -> ContactField {
    let h: String = header
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    match h.as_str() {
        "email" | "emailaddress" | "mail" | "eaddress" => ContactField::Email,
        "name" | "fullname" | "contact" | "contactname" => ContactField::Name,
        "company" | "organisation" | "organization" | "account" | "companyname" => {
            ContactField::Company
        }
        "consent" | "optin" | "optedin" | "subscribed" | "marketingconsent" | "gdprconsent" => {
            ContactField::Consent
        }
        _ => ContactField::Ignore,
    }
}

/// A consent cell: yes or no, or not understood.
fn consent(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" | "opted in" | "ja" | "oui" | "si" => Some(true),
        "no" | "n" | "false" | "0" | "" | "opted out" | "nein" | "non" => Some(false),
        _ => None,
    }
}

/// A contact whose address the company already has is left as it is.
fn already_listed() -> OnConflict {
    OnConflict::columns([
        contact::Column::TenantId,
        contact::Column::OrgId,
        contact::Column::Email,
    ])
    .do_nothing()
    .to_owned()
}

/// Parses and checks a CSV file against the contacts already stored.
/// `mapping` is one field per column (guessed from the headers when empty);
/// `consent_all` is the uploader's confirmation that every row consented,
/// used when no column holds consent.
pub fn check(
    csv_text: &str,
    mapping: &[ContactField],
    consent_all: bool,
    existing: &HashSet<String>,
) -> Result<ImportPreview, AppError> {
    if csv_text.len() > MAX_BYTES {
        return Err(AppError::invalid("csv", tr!(campaigns.file_large)));
    }
    let mut reader = csv_reader(csv_text);
    let columns: Vec<String> = reader
        .headers()
        .map_err(|_| AppError::invalid("csv", tr!(campaigns.file_unreadable)))?
        .iter()
        .map(str::to_owned)
        .collect();
    if columns.iter().all(|c| c.is_empty()) {
        return Err(AppError::invalid("csv", tr!(campaigns.file_missing)));
    }
    let mapping: Vec<ContactField> = if mapping.len() == columns.len() {
        mapping.to_vec()
    } else {
        columns.iter().map(|c| guess(c)).collect()
    };
    let columns_of = Columns::of(&mapping)?;
    let mut checker = RowChecker {
        columns: columns_of,
        consent_all,
        existing,
        seen: HashMap::new(),
    };
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if rows.len() >= MAX_ROWS {
            return Err(AppError::invalid(
                "csv",
                tr!(campaigns.max_rows, max = MAX_ROWS).to_string(),
            ));
        }
        if let Some(row) = checker.row(i + 2, record) {
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return Err(AppError::invalid("csv", tr!(campaigns.file_no_contacts)));
    }
    let rejected = rows.iter().filter(|r| r.problem.is_some()).count();
    Ok(ImportPreview {
        columns,
        mapping,
        importable: rows.len() - rejected,
        rejected,
        rows,
        imported: None,
    })
}

/// A reader for the pasted or uploaded text: a byte-order mark dropped,
/// `;` as the delimiter when the header holds more of them than commas
/// (spreadsheets in German and other locales write those).
fn csv_reader(csv_text: &str) -> csv::Reader<&[u8]> {
    let text = csv_text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// Which column holds which field; the e-mail column is required.
struct Columns {
    email: usize,
    name: Option<usize>,
    company: Option<usize>,
    consent: Option<usize>,
}

impl Columns {
    fn of(mapping: &[ContactField]) -> Result<Self, AppError> {
        let col = |f: ContactField| mapping.iter().position(|m| *m == f);
        let email = col(ContactField::Email)
            .ok_or_else(|| AppError::invalid("mapping", tr!(campaigns.map_email)))?;
        Ok(Self {
            email,
            name: col(ContactField::Name),
            company: col(ContactField::Company),
            consent: col(ContactField::Consent),
        })
    }
}

/// Checks rows one by one: a valid address, not twice in the file, not
/// already stored, and consent to marketing e-mail.
struct RowChecker<'a> {
    columns: Columns,
    consent_all: bool,
    existing: &'a HashSet<String>,
    /// Addresses seen so far, with the line they were first on.
    seen: HashMap<String, usize>,
}

impl RowChecker<'_> {
    /// The row of `line` with its problem, if any; None for a blank line.
    fn row(&mut self, line: usize, record: csv::Result<csv::StringRecord>) -> Option<ImportRow> {
        let Ok(record) = record else {
            return Some(ImportRow {
                line,
                email: String::new(),
                name: String::new(),
                company: String::new(),
                problem: Some(tr!(campaigns.line_unreadable).into()),
            });
        };
        if record.iter().all(|c| c.is_empty()) {
            return None;
        }
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_owned();
        let raw_email = cell(Some(self.columns.email));
        let mut row = ImportRow {
            line,
            email: raw_email.clone(),
            name: cell(self.columns.name).chars().take(200).collect(),
            company: cell(self.columns.company).chars().take(200).collect(),
            problem: None,
        };
        row.problem = match Email::parse(&raw_email) {
            Err(_) if raw_email.trim().is_empty() => Some(tr!(campaigns.missing_email).to_owned()),
            Err(_) => Some(tr!(campaigns.bad_email).to_owned()),
            Ok(email) => {
                row.email = email.as_str().to_owned();
                self.address_problem(&row.email, line)
                    .or_else(|| self.consent_problem(&record))
            }
        };
        Some(row)
    }

    fn address_problem(&mut self, email: &str, line: usize) -> Option<String> {
        if let Some(first) = self.seen.get(email) {
            return Some(tr!(campaigns.duplicate_line, line = first).to_string());
        }
        self.seen.insert(email.to_owned(), line);
        self.existing
            .contains(email)
            .then(|| tr!(campaigns.already_contact).to_owned())
    }

    fn consent_problem(&self, record: &csv::StringRecord) -> Option<String> {
        match self
            .columns
            .consent
            .map(|c| consent(record.get(c).unwrap_or("")))
        {
            Some(Some(true)) => None,
            Some(Some(false)) => Some(tr!(campaigns.no_consent).to_owned()),
            Some(None) => Some(tr!(campaigns.consent_yes_no).to_owned()),
            None if self.consent_all => None,
            None => Some(tr!(campaigns.consent_missing).to_owned()),
        }
    }
}

async fn existing(state: &AppState, actor: &Actor) -> AppResult<HashSet<String>> {
    Ok(contact::Entity::find()
        .select_only()
        .column(contact::Column::Email)
        .filter(tenant_is::<contact::Entity>(actor.tenant_id))
        .filter(contact::Column::OrgId.eq(actor.organization_id))
        .into_tuple::<String>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect())
}

fn parse_mapping(raw: &[String]) -> Vec<ContactField> {
    raw.iter()
        .map(|m| ContactField::parse(m).unwrap_or(ContactField::Ignore))
        .collect()
}

/// What an import would do, without changing anything.
pub async fn preview(
    state: &AppState,
    actor: &Actor,
    csv_text: &str,
    mapping: &[String],
    consent_all: bool,
) -> AppResult<ImportPreview> {
    actor.require(Permission::RunCampaigns)?;
    check(
        csv_text,
        &parse_mapping(mapping),
        consent_all,
        &existing(state, actor).await?,
    )
}

/// Imports the rows that pass the checks; the answer lists every row that
/// did not, with its reason.
pub async fn import(
    state: &AppState,
    actor: &Actor,
    csv_text: &str,
    mapping: &[String],
    consent_all: bool,
) -> AppResult<ImportPreview> {
    // The server re-checks the file: what the browser previewed is advice.
    let mut p = preview(state, actor, csv_text, mapping, consent_all).await?;
    let at = now();
    let source = match p.mapping.iter().position(|m| *m == ContactField::Consent) {
        Some(c) => format!(
            "CSV import {} by {}: column “{}” says yes",
            at.format("%Y-%m-%d"),
            actor.name,
            p.columns[c]
        ),
        None => format!(
            "CSV import {} by {}: confirmed for the whole file",
            at.format("%Y-%m-%d"),
            actor.name
        ),
    };
    let rows: Vec<contact::ActiveModel> = p
        .rows
        .iter()
        .filter(|r| r.problem.is_none())
        .map(|r| contact::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            org_id: Set(actor.organization_id),
            email: Set(r.email.clone()),
            name: Set(r.name.clone()),
            company: Set(r.company.clone()),
            consent_source: Set(source.clone()),
            consented_at: Set(at),
            unsubscribed_at: Set(None),
            created_by: Set(actor.user_id),
            created_at: Set(at),
            ..Default::default()
        })
        .collect();
    let txn = begin_write(&state.db).await?;
    for chunk in rows.chunks(500) {
        contact::Entity::insert_many(chunk.to_vec())
            .on_conflict(already_listed())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    p.imported = Some(rows.len());
    Ok(p)
}

/// One contact typed in by hand: what the form sends.
pub struct NewContact<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub company: &'a str,
    /// The user's word that this person agreed to marketing e-mail.
    pub consent: bool,
}

/// Adds one contact. Someone already in the list (subscribed or not) is
/// refused rather than changed: an unsubscribe must not be undone by
/// re-adding the address.
pub async fn add(state: &AppState, actor: &Actor, input: NewContact<'_>) -> AppResult<String> {
    use crate::types::form::{check, FormErrors};
    actor.require(Permission::RunCampaigns)?;
    let mut e = FormErrors::new().with_values(&[
        ("email", input.email),
        ("name", input.name),
        ("company", input.company),
    ]);
    let email = check::email(&mut e, "email", input.email);
    let name = check::optional(&mut e, "name", input.name, tr!(checks.the_name), 200);
    let company = check::optional(
        &mut e,
        "company",
        input.company,
        tr!(checks.the_company),
        200,
    );
    if !input.consent {
        e.add("consent", tr!(campaigns.confirm_consent));
    }
    let duplicate = tr!(campaigns.already_contact);
    if let Some(email) = &email {
        let found = in_tenant::<contact::Entity>(actor.tenant_id)
            .filter(contact::Column::OrgId.eq(actor.organization_id))
            .filter(contact::Column::Email.eq(email.as_str()))
            .one(&state.db)
            .await?;
        match found {
            Some(c) if c.unsubscribed_at.is_some() => {
                e.add("email", tr!(campaigns.already_unsubscribed))
            }
            Some(_) => e.add("email", duplicate),
            None => {}
        }
    }
    let Some(email) = email.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let at = now();
    let row = contact::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        org_id: Set(actor.organization_id),
        email: Set(email.as_str().to_owned()),
        name: Set(name),
        company: Set(company),
        consent_source: Set(format!(
            "Added {} by {}: confirmed on the form",
            at.format("%Y-%m-%d"),
            actor.name
        )),
        consented_at: Set(at),
        unsubscribed_at: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(at),
        ..Default::default()
    };
    // Two tabs adding the same address at once: the unique key decides.
    let inserted = contact::Entity::insert(row)
        .on_conflict(already_listed())
        .exec_without_returning(&state.db)
        .await?;
    if inserted == 0 {
        e.add("email", duplicate);
        return Err(AppError::Invalid(e));
    }
    Ok(email.as_str().to_owned())
}

/// Removes one of the company's contacts (say, on their request). E-mails
/// still waiting to go to them are skipped; the send log keeps its counts
/// but no longer the address.
pub async fn remove(state: &AppState, actor: &Actor, id: i64) -> AppResult<String> {
    use crate::ssr::entities::campaign_message as message;
    use sea_orm::sea_query::Expr;
    actor.require(Permission::RunCampaigns)?;
    let txn = begin_write(&state.db).await?;
    let c = in_tenant::<contact::Entity>(actor.tenant_id)
        .filter(contact::Column::Id.eq(id))
        .filter(contact::Column::OrgId.eq(actor.organization_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    message::Entity::update_many()
        .col_expr(
            message::Column::Status,
            Expr::value(MessageStatus::Suppressed),
        )
        .filter(message::Column::ContactId.eq(c.id))
        .filter(message::Column::Status.eq(MessageStatus::Queued))
        .exec(&txn)
        .await?;
    message::Entity::update_many()
        .col_expr(message::Column::Email, Expr::value(""))
        .filter(message::Column::ContactId.eq(c.id))
        .exec(&txn)
        .await?;
    contact::Entity::delete_by_id(c.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(c.email)
}

/// The company's contacts, 100 at a time, newest first.
pub async fn page(state: &AppState, actor: &Actor, before: Option<i64>) -> AppResult<ContactsPage> {
    actor.require(Permission::RunCampaigns)?;
    let base = in_tenant::<contact::Entity>(actor.tenant_id)
        .filter(contact::Column::OrgId.eq(actor.organization_id));
    let total = base.clone().count(&state.db).await?;
    let mailable = base
        .clone()
        .filter(contact::Column::UnsubscribedAt.is_null())
        .count(&state.db)
        .await?;
    let mut q = base.order_by_desc(contact::Column::Id).limit(PAGE + 1);
    if let Some(before) = before {
        q = q.filter(contact::Column::Id.lt(before));
    }
    let mut rows = q.all(&state.db).await?;
    let next = (rows.len() as u64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        rows.last().map(|c| c.id)
    });
    Ok(ContactsPage {
        contacts: rows
            .into_iter()
            .map(|c| ContactView {
                id: c.id,
                email: c.email,
                name: c.name,
                company: c.company,
                consent: c.consent_source,
                unsubscribed: c.unsubscribed_at.is_some(),
            })
            .collect(),
        total,
        mailable,
        next: next.flatten(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "Email,Full name,Company,Opt-in\n\
        ana@example.com,Ana,Example Co,yes\n\
        not-an-address,Bob,,yes\n\
        ANA@example.com,Ana again,,yes\n\
        cy@example.com,Cy,,no\n\
        dee@example.com,Dee,,maybe\n\
        old@example.com,Old,,yes\n\
        ,Nobody,,yes\n";

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let existing: HashSet<String> = ["old@example.com".to_owned()].into();
        let p = check(FILE, &[], false, &existing).unwrap();
        assert_eq!(
            p.mapping,
            vec![
                ContactField::Email,
                ContactField::Name,
                ContactField::Company,
                ContactField::Consent
            ]
        );
        let problems: Vec<(usize, Option<&str>)> = p
            .rows
            .iter()
            .map(|r| (r.line, r.problem.as_deref()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (2, None),
                (3, Some("Not a valid e-mail address.")),
                (4, Some("Duplicate of line 2.")),
                (5, Some("No consent to marketing e-mail.")),
                (6, Some("Consent must be yes or no.")),
                (7, Some("Already in your contacts.")),
                (8, Some("No e-mail address.")),
            ]
        );
        assert_eq!((p.importable, p.rejected), (1, 6));
        assert_eq!(p.rows[0].email, "ana@example.com");
    }

    #[test]
    fn without_a_consent_column_the_uploader_must_confirm() {
        let file = "mail;name\nA@x.example;A\nb@x.example;B\n";
        let p = check(file, &[], false, &HashSet::new()).unwrap();
        assert_eq!(p.importable, 0, "semicolons detected, but no consent");
        let p = check(file, &[], true, &HashSet::new()).unwrap();
        assert_eq!(p.importable, 2);
        assert_eq!(p.rows[0].email, "a@x.example");
    }

    #[test]
    fn a_chosen_mapping_overrides_the_guess_and_email_is_required() {
        let file = "a,b\nx@y.example,yes\n";
        assert!(
            check(file, &[], true, &HashSet::new()).is_err(),
            "no e-mail column"
        );
        let p = check(
            file,
            &[ContactField::Email, ContactField::Consent],
            false,
            &HashSet::new(),
        )
        .unwrap();
        assert_eq!(p.importable, 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Any text, however broken, gets an answer: no panic, every row
        /// accounted for, and what would be imported is a clean address.
        #[test]
        fn hostile_files_never_panic_or_slip_through(
            body in proptest::collection::vec("[a-z@.,;\"'\\ \r\n\t\u{0}-\u{7f}äß\u{feff}]{0,40}", 0..20),
            consent_all in proptest::bool::ANY,
        ) {
            let file = format!("email,name,consent\n{}", body.join("\n"));
            if let Ok(p) = check(&file, &[], consent_all, &HashSet::new()) {
                proptest::prop_assert_eq!(p.importable + p.rejected, p.rows.len());
                let mut seen = HashSet::new();
                for r in p.rows.iter().filter(|r| r.problem.is_none()) {
                    proptest::prop_assert!(Email::parse(&r.email).is_ok());
                    proptest::prop_assert_eq!(&r.email, &r.email.to_lowercase());
                    proptest::prop_assert!(seen.insert(r.email.clone()), "imported twice");
                }
            }
        }
    }
}
