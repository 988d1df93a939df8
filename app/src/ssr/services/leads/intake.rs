//! Leads come in: one at a time through the form, or many as a CSV (all
//! rows or none, each problem named by its row), either of them naming the
//! campaign whose responses they are. Each lead is routed as it lands.

use super::{audit, route};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{campaign, certification, lead};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, db_error, is_unique_violation};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::form::check;
use crate::types::lead::{LeadPriority, LeadSource, LeadStatus};
use crate::types::territory::{Coordinates, Country};
use crate::types::{Choice, FormErrors};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter};

/// Rows one CSV import may hold.
pub const MAX_IMPORT_ROWS: usize = 1_000;
/// Problems a refused import lists (the rest are counted).
const PROBLEMS_SHOWN: usize = 20;

/// A lead as the form (or one CSV row) gives it.
#[derive(Clone, Debug, Default)]
pub struct LeadInput {
    pub company: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub postcode: String,
    /// "48.137, 11.575", optional.
    pub coordinates: String,
    /// A product family's id (the form) or name (a CSV), optional.
    pub family: String,
    /// A certification the partner must hold: its id (the form) or code or
    /// name (a CSV), optional.
    pub certification: String,
    pub segment: String,
    pub priority: Choice<LeadPriority>,
    pub notes: String,
}

/// A lead that passed its checks.
pub(super) struct Valid {
    input: LeadInput,
    country: Country,
    email: String,
    at: Option<Coordinates>,
    family: Option<i64>,
    certification: Option<i64>,
    priority: LeadPriority,
}

/// The program's product families (id, name in any language, lowercased)
/// and its certifications, for checking (none: a lead that names neither).
#[derive(Default)]
pub(super) struct Known {
    families: Vec<(i64, Vec<String>)>,
    /// (id, code and name, lowercased).
    certifications: Vec<(i64, [String; 2])>,
}

impl Known {
    async fn load(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<Known> {
        let families = Scope::new(actor)
            .product_families()
            .all(db)
            .await?
            .into_iter()
            .map(|f| {
                let names = crate::locale::all()
                    .iter()
                    .map(|l| f.name_for(*l).to_lowercase())
                    .collect();
                (f.id, names)
            })
            .collect();
        let certifications = in_tenant::<certification::Entity>(actor.tenant_id)
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, [c.code.to_lowercase(), c.name.to_lowercase()]))
            .collect();
        Ok(Known {
            families,
            certifications,
        })
    }

    fn certification(&self, raw: &str) -> Option<Option<i64>> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Some(None);
        }
        let lower = raw.to_lowercase();
        self.certifications
            .iter()
            .find(|(id, names)| raw.parse::<i64>().ok() == Some(*id) || names.contains(&lower))
            .map(|(id, _)| Some(*id))
    }

    fn family(&self, raw: &str) -> Option<Option<i64>> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Some(None);
        }
        let lower = raw.to_lowercase();
        self.families
            .iter()
            .find(|(id, names)| raw.parse::<i64>().ok() == Some(*id) || names.contains(&lower))
            .map(|(id, _)| Some(*id))
    }
}

pub(super) fn validate(e: &mut FormErrors, known: &Known, input: LeadInput) -> Option<Valid> {
    check::required(e, "company", &input.company, tr!(leads.company), 160);
    for (field, value, label, max) in [
        (
            "contact_name",
            &input.contact_name,
            tr!(leads.contact_name),
            120,
        ),
        ("region", &input.region, tr!(leads.region), 80),
        ("city", &input.city, tr!(leads.city), 80),
        ("postcode", &input.postcode, tr!(leads.postcode), 16),
        ("segment", &input.segment, tr!(leads.segment), 40),
        ("notes", &input.notes, tr!(leads.notes), 4000),
    ] {
        check::optional(e, field, value, label, max);
    }
    let email = if input.contact_email.trim().is_empty() {
        Some(String::new())
    } else {
        check::email(e, "contact_email", &input.contact_email).map(|m| m.to_string())
    };
    check::phone(e, "contact_phone", &input.contact_phone);
    let country = Country::parse(&input.country);
    if country.is_none() {
        e.add("country", tr!(leads.choose_country));
    }
    let at = match input.coordinates.trim() {
        "" => Some(None),
        raw => match Coordinates::parse(raw) {
            Ok(c) => Some(Some(c)),
            Err(_) => {
                e.add("coordinates", tr!(leads.coordinates_format));
                None
            }
        },
    };
    let family = known.family(&input.family);
    if family.is_none() {
        e.add("family", tr!(leads.choose_family));
    }
    let certification = known.certification(&input.certification);
    if certification.is_none() {
        e.add("certification", tr!(leads.choose_certification));
    }
    let priority = match &input.priority {
        Choice::Known(p) => Some(*p),
        Choice::Unknown(raw) if raw.trim().is_empty() => Some(LeadPriority::Normal),
        Choice::Unknown(_) => {
            e.add("priority", tr!(leads.choose_priority));
            None
        }
    };
    let (Some(country), Some(email), Some(at), Some(family), Some(certification), Some(priority)) =
        (country, email, at, family, certification, priority)
    else {
        return None;
    };
    e.is_empty().then_some(Valid {
        input,
        country,
        email,
        at,
        family,
        certification,
        priority,
    })
}

pub(super) fn values(i: &LeadInput) -> Vec<(&'static str, String)> {
    vec![
        ("company", i.company.clone()),
        ("contact_name", i.contact_name.clone()),
        ("contact_email", i.contact_email.clone()),
        ("contact_phone", i.contact_phone.clone()),
        ("country", i.country.clone()),
        ("region", i.region.clone()),
        ("city", i.city.clone()),
        ("postcode", i.postcode.clone()),
        ("coordinates", i.coordinates.clone()),
        ("family", i.family.clone()),
        ("certification", i.certification.clone()),
        ("segment", i.segment.clone()),
        ("priority", i.priority.raw()),
        ("notes", i.notes.clone()),
    ]
}

/// The campaign `raw` names (an id), if the program has it; a message on
/// `campaign` otherwise.
async fn campaign_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    raw: &str,
    e: &mut FormErrors,
) -> AppResult<Option<i64>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let found = match raw.trim().parse::<i64>() {
        Ok(id) => in_tenant::<campaign::Entity>(actor.tenant_id)
            .filter(campaign::Column::Id.eq(id))
            .one(db)
            .await?
            .map(|c| c.id),
        Err(_) => None,
    };
    if found.is_none() {
        e.add("campaign", tr!(leads.choose_campaign));
    }
    Ok(found)
}

/// Enters one lead and routes it; the lead's id. `key` makes a double
/// submit of the form enter it once.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    key: &str,
    input: LeadInput,
    campaign_raw: &str,
) -> AppResult<i64> {
    actor.require(Permission::ManageLeads)?;
    let key = crate::ssr::services::form_key(key, "company")?;
    if let Some(id) = by_key(&state.db, actor, key).await? {
        return Ok(id);
    }
    let known = Known::load(&state.db, actor).await?;
    let kept: Vec<(&str, String)> = values(&input);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut e = FormErrors::new().with_values(&kept);
    e.keep("campaign", campaign_raw);
    let campaign = campaign_of(&state.db, actor, campaign_raw, &mut e).await?;
    let Some(valid) = validate(&mut e, &known, input).filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let source = if campaign.is_some() {
        LeadSource::Campaign
    } else {
        LeadSource::Form
    };
    let at = now();
    let txn = begin_write(&state.db).await?;
    let row = match insert(&txn, actor.into(), key, &valid, (source, campaign), at).await {
        Ok(row) => row,
        Err(err) if is_unique_violation(&err) => {
            drop(txn);
            return by_key(&state.db, actor, key)
                .await?
                .ok_or(AppError::Internal);
        }
        Err(err) => return Err(db_error(err)),
    };
    audit(&txn, actor, row.id, "created", "", at).await?;
    let program = super::program(&txn, actor.tenant_id).await?;
    let row = Box::pin(route::route(&txn, state, &program, row, at)).await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn by_key(db: &impl ConnectionTrait, actor: &Actor, key: &str) -> AppResult<Option<i64>> {
    Ok(in_tenant::<lead::Entity>(actor.tenant_id)
        .filter(lead::Column::CreatedBy.eq(actor.user_id))
        .filter(lead::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?
        .map(|l| l.id))
}

/// Who enters a lead: the program and the person (for a campaign response,
/// the partner's person who sent the campaign).
#[derive(Clone, Copy)]
pub(crate) struct Author {
    pub tenant_id: i64,
    pub user_id: i64,
}

impl From<&Actor> for Author {
    fn from(actor: &Actor) -> Self {
        Author {
            tenant_id: actor.tenant_id,
            user_id: actor.user_id,
        }
    }
}

pub(super) async fn insert(
    db: &impl ConnectionTrait,
    author: Author,
    key: &str,
    v: &Valid,
    (source, campaign): (LeadSource, Option<i64>),
    at: DateTime<Utc>,
) -> Result<lead::Model, sea_orm::DbErr> {
    let i = &v.input;
    lead::ActiveModel {
        tenant_id: Set(author.tenant_id),
        company: Set(i.company.trim().to_owned()),
        contact_name: Set(i.contact_name.trim().to_owned()),
        contact_email: Set(v.email.clone()),
        contact_phone: Set(i.contact_phone.trim().to_owned()),
        country: Set(v.country.code().to_owned()),
        region: Set(i.region.trim().to_owned()),
        city: Set(i.city.trim().to_owned()),
        postcode: Set(i.postcode.trim().to_owned()),
        latitude_e6: Set(v.at.map(|c| c.lat_e6)),
        longitude_e6: Set(v.at.map(|c| c.lon_e6)),
        product_family_id: Set(v.family),
        certification_id: Set(v.certification),
        segment: Set(i.segment.trim().to_owned()),
        priority: Set(v.priority),
        source: Set(source),
        campaign_id: Set(campaign),
        notes: Set(crate::types::form::unix_line_breaks(i.notes.trim())),
        status: Set(LeadStatus::Queued),
        misses: Set(0),
        idempotency_key: Set(key.to_owned()),
        version: Set(1),
        created_by: Set(author.user_id),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The CSV's columns, by their header (any order; only `company` and
/// `country` are required).
const COLUMNS: [&str; 14] = [
    "company",
    "contact_name",
    "contact_email",
    "contact_phone",
    "country",
    "region",
    "city",
    "postcode",
    "coordinates",
    "product_family",
    "certification",
    "segment",
    "priority",
    "notes",
];

/// Imports a CSV of leads, all rows or none, and routes each; how many.
pub async fn import(
    state: &AppState,
    actor: &Actor,
    csv_text: &str,
    campaign_raw: &str,
) -> AppResult<usize> {
    actor.require(Permission::ManageLeads)?;
    let mut e = FormErrors::new().with_values(&[("csv", csv_text), ("campaign", campaign_raw)]);
    let campaign = campaign_of(&state.db, actor, campaign_raw, &mut e).await?;
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let known = Known::load(&state.db, actor).await?;
    let rows = match parse(csv_text, &known) {
        Ok(rows) => rows,
        Err(problem) => {
            e.add("csv", problem);
            return Err(AppError::Invalid(e));
        }
    };
    let source = if campaign.is_some() {
        LeadSource::Campaign
    } else {
        LeadSource::Import
    };
    let at = now();
    let txn = begin_write(&state.db).await?;
    let program = super::program(&txn, actor.tenant_id).await?;
    let (token, _) = crate::ssr::tokens::issue();
    for (n, valid) in rows.iter().enumerate() {
        let key = format!("import-{}-{n}", &token[..16]);
        let row = insert(&txn, actor.into(), &key, valid, (source, campaign), at).await?;
        audit(&txn, actor, row.id, "imported", "", at).await?;
        Box::pin(route::route(&txn, state, &program, row, at)).await?;
    }
    txn.commit().await?;
    Ok(rows.len())
}

/// Every row checked; the problems by row number when any fails.
fn parse(csv_text: &str, known: &Known) -> Result<Vec<Valid>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(_) => Vec::new(),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    if col("company").is_none() || col("country").is_none() {
        return Err(tr!(leads.csv_header, columns = COLUMNS.join(",")).to_string());
    }
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if i >= MAX_IMPORT_ROWS {
            problems.push(tr!(leads.csv_too_many, max = MAX_IMPORT_ROWS).to_string());
            break;
        }
        let Ok(record) = record else {
            problems.push(tr!(leads.csv_unreadable, line).to_string());
            continue;
        };
        let cell = |name: &str| {
            col(name)
                .and_then(|c| record.get(c))
                .unwrap_or_default()
                .to_owned()
        };
        let input = LeadInput {
            company: cell("company"),
            contact_name: cell("contact_name"),
            contact_email: cell("contact_email"),
            contact_phone: cell("contact_phone"),
            country: cell("country"),
            region: cell("region"),
            city: cell("city"),
            postcode: cell("postcode"),
            coordinates: cell("coordinates"),
            family: cell("product_family"),
            certification: cell("certification"),
            segment: cell("segment"),
            priority: Choice::parse(&cell("priority")),
            notes: cell("notes"),
        };
        let mut e = FormErrors::new();
        match validate(&mut e, known, input) {
            Some(valid) => rows.push(valid),
            None => {
                problems.extend(e.fields.iter().map(|(field, message)| {
                    tr!(leads.csv_problem, line, field, message).to_string()
                }))
            }
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(tr!(leads.csv_empty).to_string());
    }
    if problems.is_empty() {
        return Ok(rows);
    }
    let more = problems.len().saturating_sub(PROBLEMS_SHOWN);
    let mut shown: Vec<String> = problems.into_iter().take(PROBLEMS_SHOWN).collect();
    if more > 0 {
        shown.push(tr!(leads.csv_more_problems, count = more).to_string());
    }
    Err(tr!(leads.nothing_imported, problems = shown.join(" ")).to_string())
}
