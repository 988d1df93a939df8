//! A partner registers a customer opportunity: kept as a draft or sent for
//! a decision. Sending starts the review clock and runs the conflict check
//! again, recording each clash with its evidence for the reviewer; the
//! channel manager of the partner (or, without one, the vendor admins) is
//! told. A registration returned for changes is edited and sent again.

use super::conflicts::{self, Clash, Found, Probe};
use super::notify::{self, About, Audience};
use super::registrant::{self, Registrant};
use super::sourcing::{self, Source};
use super::{audit, CustomerInput};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{deal, deal_conflict, deal_line, tenant};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, db_error, is_unique_violation};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::business_clock as clock;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState, Scope};
use crate::tr;
use crate::types::deal::{DealOrigin, DealStage, DealStatus};
use crate::types::form::check;
use crate::types::money::parse_amount;
use crate::types::notification::NotificationKind;
use crate::types::territory::Country;
use crate::types::{Choice, FormErrors};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter,
};

/// Product lines a registration may carry.
pub const MAX_LINES: usize = 5;
/// How far ahead a close date may be.
const MAX_CLOSE_DAYS: i64 = 730;

/// One product line as the form posts it.
#[derive(Clone, Debug, Default)]
pub struct LineInput {
    pub family: String,
    pub quantity: String,
    pub amount: String,
}

/// The registration form as posted.
#[derive(Clone, Debug, Default)]
pub struct DealInput {
    /// A new registration's partner: a reseller of the actor's (id or
    /// name), or empty for the actor's own company.
    pub for_partner: String,
    pub reference: String,
    pub customer_name: String,
    pub website: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub postcode: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub currency: String,
    pub lines: Vec<LineInput>,
    pub expected_close_on: String,
    pub stage: Choice<DealStage>,
    pub origin: Choice<DealOrigin>,
    pub competitor: String,
    pub notes: String,
    /// The MDF activity or campaign that found it (`sourcing::Source`).
    pub sourced_by: String,
    /// The accepted lead a new registration is made from.
    pub lead: Option<i64>,
}

/// A line that passed its checks.
struct Line {
    family: i64,
    quantity: i32,
    amount: i64,
}

/// The form once every field passed.
struct Valid {
    input: DealInput,
    registrant: Registrant,
    source: Option<Source>,
    country: String,
    contact_email: String,
    lines: Vec<Line>,
    close_on: NaiveDate,
    stage: DealStage,
    origin: DealOrigin,
}

impl Valid {
    fn customer(&self) -> CustomerInput {
        CustomerInput {
            name: self.input.customer_name.clone(),
            website: self.input.website.clone(),
            contact_email: self.contact_email.clone(),
            country: self.country.clone(),
            city: self.input.city.clone(),
            postcode: self.input.postcode.clone(),
            families: self.lines.iter().map(|l| l.family).collect(),
        }
    }

    fn amount(&self) -> i64 {
        self.lines.iter().map(|l| l.amount).sum()
    }
}

/// Saves a new registration (`id` none) or changes a draft or a returned
/// one; `send` submits it. `key` makes a double submit of a new form
/// create one registration. The registration's id.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    key: &str,
    id: Option<(i64, i32)>,
    mut input: DealInput,
    send: bool,
) -> AppResult<i64> {
    actor.require(Permission::RegisterDeals)?;
    let key = crate::ssr::services::form_key(key, "customer_name")?;
    match id {
        None => {
            if let Some(found) = by_key(state, actor, key).await? {
                return Ok(found.id);
            }
        }
        // The version check below makes sure the kept values are current.
        Some((id, _)) => super::returned::keep_locked_parts(state, actor, id, &mut input).await?,
    }
    let program = program(&state.db, actor.tenant_id).await?;
    let valid = validate(state, actor, &program, input).await?;
    let at = now();
    let txn = begin_write(&state.db).await?;
    let row = match id {
        None => match insert(&txn, actor, key, &valid, at).await {
            Ok(row) => row,
            // A concurrent submit of the same form won the race.
            Err(err) if is_unique_violation(&err) => {
                drop(txn);
                let found = by_key(state, actor, key).await?;
                return found.map(|d| d.id).ok_or(AppError::Internal);
            }
            Err(err) => return Err(db_error(err)),
        },
        Some((id, version)) => update(&txn, actor, id, version, &valid, at).await?,
    };
    let new = id.is_none();
    let id = row.id;
    replace_lines(&txn, actor.tenant_id, id, &valid.lines).await?;
    if let (true, Some(lead)) = (new, valid.input.lead) {
        crate::ssr::services::leads::respond::converted(&txn, actor, lead, id, at).await?;
    }
    if send {
        submit(&txn, state, actor, &program, row, &valid, at).await?;
    } else {
        audit(&txn, actor, id, "saved", "", at).await?;
    }
    txn.commit().await?;
    Ok(id)
}

/// Sends the registration: the clock starts, conflicts are recorded, the
/// reviewer is told.
async fn submit(
    txn: &DatabaseTransaction,
    state: &AppState,
    actor: &Actor,
    program: &tenant::Model,
    row: deal::Model,
    valid: &Valid,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let days = u32::try_from(program.deal_review_days).unwrap_or(2);
    let due = clock::decision_due(at, days, clock::zone(&program.time_zone));
    let resent = row.status == DealStatus::Returned;
    let mut active: deal::ActiveModel = row.clone().into();
    active.status = Set(DealStatus::Submitted);
    active.submitted_at = Set(Some(at));
    active.decision_due_at = Set(Some(due));
    active.half_time_reminded_at = Set(None);
    active.breach_reported_at = Set(None);
    active.returned_fields = Set(String::new());
    let sent = active.update(txn).await?;
    let customer = valid.customer();
    let found = conflicts::find(
        txn,
        &Probe {
            tenant_id: actor.tenant_id,
            partner_id: row.partner_id,
            company: &customer.company(),
            families: &customer.families,
            deal_id: Some(row.id),
        },
    )
    .await?;
    record_conflicts(txn, actor.tenant_id, row.id, &found, at).await?;
    let action = if resent { "resubmitted" } else { "submitted" };
    audit(txn, actor, row.id, action, "", at).await?;
    let about = About {
        kind: NotificationKind::DealSubmitted,
        reason: "",
        date: None,
    };
    notify::tell(txn, state, &sent, Audience::Reviewers, about).await
}

/// Replaces the undecided clashes of a registration with those found now.
pub(super) async fn record_conflicts(
    txn: &impl ConnectionTrait,
    tenant_id: i64,
    deal_id: i64,
    found: &[Found],
    at: DateTime<Utc>,
) -> AppResult<()> {
    deal_conflict::Entity::delete_many()
        .filter(crate::ssr::scope::tenant_is::<deal_conflict::Entity>(
            tenant_id,
        ))
        .filter(deal_conflict::Column::DealId.eq(deal_id))
        .filter(deal_conflict::Column::Resolution.is_null())
        .exec(txn)
        .await?;
    // A clash the reviewer already decided stays decided.
    let decided: Vec<(Option<i64>, Option<i64>)> = in_tenant::<deal_conflict::Entity>(tenant_id)
        .filter(deal_conflict::Column::DealId.eq(deal_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.other_deal_id, c.named_account_id))
        .collect();
    for f in found {
        let (other_deal_id, named_account_id) = match f.clash {
            Clash::Deal { id, .. } => (Some(id), None),
            Clash::NamedAccount { id } => (None, Some(id)),
        };
        if decided.contains(&(other_deal_id, named_account_id)) {
            continue;
        }
        deal_conflict::ActiveModel {
            tenant_id: Set(tenant_id),
            deal_id: Set(deal_id),
            other_deal_id: Set(other_deal_id),
            named_account_id: Set(named_account_id),
            domain: Set(f.evidence.domain.clone()),
            name_similarity_e3: Set((f.evidence.name_similarity * 1000.0).round() as i32),
            same_place: Set(f.evidence.same_place),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

async fn insert(
    txn: &DatabaseTransaction,
    actor: &Actor,
    key: &str,
    v: &Valid,
    at: DateTime<Utc>,
) -> Result<deal::Model, sea_orm::DbErr> {
    let mut row = deal::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        partner_id: Set(v.registrant.partner_id),
        distributor_id: Set(v.registrant.distributor_id),
        status: Set(DealStatus::Draft),
        idempotency_key: Set(key.to_owned()),
        version: Set(1),
        created_by: Set(actor.user_id),
        created_at: Set(at),
        ..Default::default()
    };
    fill(&mut row, v, at);
    row.insert(txn).await
}

/// Changes a draft or a returned registration of the actor's company, if
/// no one changed it since the form was read.
async fn update(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    version: i32,
    v: &Valid,
    at: DateTime<Utc>,
) -> AppResult<deal::Model> {
    let row = super::read::readable(actor)
        .filter(deal::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.require_on(Permission::RegisterDeals, super::on(&row))?;
    if !row.status.is_editable() {
        return Err(AppError::Conflict(tr!(deals.not_editable).into()));
    }
    if row.version != version {
        return Err(AppError::Conflict(tr!(deals.stale).into()));
    }
    let mut active: deal::ActiveModel = row.into();
    fill(&mut active, v, at);
    active.version = Set(version + 1);
    Ok(active.update(txn).await?)
}

/// Copies the checked form onto the row.
fn fill(row: &mut deal::ActiveModel, v: &Valid, at: DateTime<Utc>) {
    let company = v.customer().company();
    let i = &v.input;
    row.reference = Set(i.reference.trim().to_owned());
    row.customer_name = Set(i.customer_name.trim().to_owned());
    row.customer_key = Set(company.name);
    row.customer_website = Set(i.website.trim().to_owned());
    row.customer_domain = Set(company.domain);
    row.country = Set(v.country.clone());
    row.region = Set(i.region.trim().to_owned());
    row.city = Set(i.city.trim().to_owned());
    row.postcode = Set(i.postcode.trim().to_owned());
    row.contact_name = Set(i.contact_name.trim().to_owned());
    row.contact_email = Set(v.contact_email.clone());
    row.contact_phone = Set(i.contact_phone.trim().to_owned());
    row.currency = Set(i.currency.trim().to_uppercase());
    row.amount_minor = Set(v.amount());
    row.expected_close_on = Set(v.close_on);
    row.stage = Set(v.stage);
    row.origin = Set(v.origin);
    row.competitor = Set(i.competitor.trim().to_owned());
    row.notes = Set(crate::types::form::unix_line_breaks(i.notes.trim()));
    let (fund_request, campaign) = Source::columns(v.source);
    row.fund_request_id = Set(fund_request);
    row.campaign_id = Set(campaign);
    row.updated_at = Set(at);
}

async fn replace_lines(
    txn: &DatabaseTransaction,
    tenant_id: i64,
    deal_id: i64,
    lines: &[Line],
) -> AppResult<()> {
    deal_line::Entity::delete_many()
        .filter(crate::ssr::scope::tenant_is::<deal_line::Entity>(tenant_id))
        .filter(deal_line::Column::DealId.eq(deal_id))
        .exec(txn)
        .await?;
    for l in lines {
        deal_line::ActiveModel {
            tenant_id: Set(tenant_id),
            deal_id: Set(deal_id),
            product_family_id: Set(l.family),
            quantity: Set(l.quantity),
            amount_minor: Set(l.amount),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

pub(super) async fn program(db: &impl ConnectionTrait, tenant_id: i64) -> AppResult<tenant::Model> {
    tenant::Entity::find_by_id(tenant_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The registration an earlier submit of the same form created.
async fn by_key(state: &AppState, actor: &Actor, key: &str) -> AppResult<Option<deal::Model>> {
    Ok(in_tenant::<deal::Entity>(actor.tenant_id)
        .filter(deal::Column::CreatedBy.eq(actor.user_id))
        .filter(deal::Column::IdempotencyKey.eq(key))
        .one(&state.db)
        .await?)
}

async fn validate(
    state: &AppState,
    actor: &Actor,
    program: &tenant::Model,
    input: DealInput,
) -> AppResult<Valid> {
    let mut e = FormErrors::new().with_values(&form_values(&input));
    let registrant = registrant::resolve(&state.db, actor, &input.for_partner, &mut e).await?;
    let source = match registrant {
        Some(r) => {
            let partners = [r.partner_id, actor.organization_id];
            let raw = &input.sourced_by;
            sourcing::resolve(&state.db, actor.tenant_id, &partners, raw, &mut e).await?
        }
        None => None,
    };
    let customer = customer_fields(&mut e, &input);
    let contact_email = check::email(&mut e, "contact_email", &input.contact_email);
    check::required(
        &mut e,
        "contact_name",
        &input.contact_name,
        tr!(deals.contact_name),
        120,
    );
    check::phone(&mut e, "contact_phone", &input.contact_phone);
    let currencies = super::currencies(&state.db, program).await?;
    if !currencies.contains(&input.currency.trim().to_uppercase()) {
        e.add("currency", tr!(deals.choose_currency));
    }
    let lines = lines(state, actor, &mut e, &input).await?;
    let close_on = close_date(&mut e, &input.expected_close_on, actor);
    let stage = input
        .stage
        .require(&mut e, "stage", tr!(deals.choose_stage));
    let origin = input
        .origin
        .require(&mut e, "origin", tr!(deals.choose_origin));
    for (field, value, label, max) in [
        ("reference", &input.reference, tr!(deals.reference), 64),
        ("competitor", &input.competitor, tr!(deals.competitor), 120),
        ("notes", &input.notes, tr!(deals.notes), 4000),
    ] {
        check::optional(&mut e, field, value, label, max);
    }
    match (registrant, customer, contact_email, close_on, stage, origin) {
        (
            Some(registrant),
            Some(country),
            Some(email),
            Some(close_on),
            Some(stage),
            Some(origin),
        ) if e.is_empty() => Ok(Valid {
            input,
            registrant,
            source,
            country,
            contact_email: email.to_string(),
            lines,
            close_on,
            stage,
            origin,
        }),
        _ => Err(AppError::Invalid(e)),
    }
}

fn form_values(i: &DealInput) -> Vec<(&'static str, &str)> {
    let mut values = vec![
        ("for_partner", i.for_partner.as_str()),
        ("reference", i.reference.as_str()),
        ("customer_name", &i.customer_name),
        ("website", &i.website),
        ("country", &i.country),
        ("region", &i.region),
        ("city", &i.city),
        ("postcode", &i.postcode),
        ("contact_name", &i.contact_name),
        ("contact_email", &i.contact_email),
        ("contact_phone", &i.contact_phone),
        ("currency", &i.currency),
        ("expected_close_on", &i.expected_close_on),
        ("competitor", &i.competitor),
        ("notes", &i.notes),
        ("sourced_by", &i.sourced_by),
    ];
    for (n, line) in i.lines.iter().enumerate().take(MAX_LINES) {
        values.push((LINE_FIELDS[n][0], &line.family));
        values.push((LINE_FIELDS[n][1], &line.quantity));
        values.push((LINE_FIELDS[n][2], &line.amount));
    }
    values
}

/// The form's names of each line's fields.
pub const LINE_FIELDS: [[&str; 3]; MAX_LINES] = [
    ["family_1", "quantity_1", "amount_1"],
    ["family_2", "quantity_2", "amount_2"],
    ["family_3", "quantity_3", "amount_3"],
    ["family_4", "quantity_4", "amount_4"],
    ["family_5", "quantity_5", "amount_5"],
];

/// The customer's name, website and place; the country's code.
fn customer_fields(e: &mut FormErrors, i: &DealInput) -> Option<String> {
    check::required(
        e,
        "customer_name",
        &i.customer_name,
        tr!(deals.customer_name),
        160,
    );
    if !i.website.trim().is_empty()
        && crate::ssr::company_match::registrable_domain(&i.website).is_none()
    {
        e.add("website", tr!(deals.website_not_a_company_domain));
    }
    for (field, value, label, max) in [
        ("region", &i.region, tr!(deals.region), 80),
        ("city", &i.city, tr!(deals.city), 80),
        ("postcode", &i.postcode, tr!(deals.postcode), 16),
    ] {
        check::optional(e, field, value, label, max);
    }
    let country = Country::parse(&i.country);
    if country.is_none() {
        e.add("country", tr!(deals.choose_country));
    }
    country.map(|c| c.code().to_owned())
}

/// The product lines: at least one, each a family of the program with a
/// quantity and an amount; a line left wholly empty is skipped.
async fn lines(
    state: &AppState,
    actor: &Actor,
    e: &mut FormErrors,
    input: &DealInput,
) -> AppResult<Vec<Line>> {
    let families: Vec<i64> = Scope::new(actor)
        .product_families()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect();
    let mut out = Vec::new();
    for (n, raw) in input.lines.iter().enumerate().take(MAX_LINES) {
        let [family_field, quantity_field, amount_field] = LINE_FIELDS[n];
        if raw.family.trim().is_empty()
            && raw.quantity.trim().is_empty()
            && raw.amount.trim().is_empty()
        {
            continue;
        }
        let family = raw
            .family
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|f| families.contains(f));
        if family.is_none() {
            e.add(family_field, tr!(deals.choose_family));
        }
        let quantity = raw
            .quantity
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|q| (1..=1_000_000).contains(q));
        if quantity.is_none() {
            e.add(quantity_field, tr!(deals.quantity_range));
        }
        let amount = match parse_amount(&raw.amount, input.currency.trim()) {
            Ok(a) if a > 0 => Some(a),
            Ok(_) => {
                e.add(amount_field, tr!(deals.amount_positive));
                None
            }
            Err(msg) => {
                e.add(amount_field, msg);
                None
            }
        };
        if let (Some(family), Some(quantity), Some(amount)) = (family, quantity, amount) {
            out.push(Line {
                family,
                quantity,
                amount,
            });
        }
    }
    if out.is_empty() && !input.lines.iter().any(|l| !l.family.trim().is_empty()) {
        e.add(LINE_FIELDS[0][0], tr!(deals.choose_family));
    }
    Ok(out)
}

/// The expected close date: not past, and within two years.
fn close_date(e: &mut FormErrors, raw: &str, actor: &Actor) -> Option<NaiveDate> {
    let today = super::returned::today(actor);
    match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
        Ok(day) if day >= today && day <= today + Duration::days(MAX_CLOSE_DAYS) => Some(day),
        Ok(_) => {
            e.add("expected_close_on", tr!(deals.close_date_range));
            None
        }
        Err(_) => {
            e.add("expected_close_on", tr!(deals.close_date_format));
            None
        }
    }
}
