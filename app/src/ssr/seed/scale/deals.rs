//! Deal registrations at scale: ten per partner (a million at N = 100,000)
//! in every state, each with one product line, registered by the partner's
//! user over the last year; a reseller's record its distributor.

use super::{channel_parent, fix_sequence, next_id};
use crate::ssr::company_match::normalise_name;
use crate::ssr::entities::{deal, deal_line, product_family};
use crate::ssr::scope::in_tenant;
use crate::types::deal::{DealOrigin, DealStage, DealStatus};
use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, QuerySelect};

pub const PER_PARTNER: usize = 10;
/// Registrations per insert: 35 columns each stay under SQLite's 32,766
/// bound variables.
const BATCH: usize = 500;

/// The states the ten registrations of a partner are in.
const STATES: [DealStatus; PER_PARTNER] = [
    DealStatus::Approved,
    DealStatus::Approved,
    DealStatus::Won,
    DealStatus::Lost,
    DealStatus::Submitted,
    DealStatus::Returned,
    DealStatus::Rejected,
    DealStatus::Expired,
    DealStatus::Draft,
    DealStatus::Withdrawn,
];

/// Where the program's partners and their users start.
pub struct Ids {
    pub tenant_id: i64,
    pub first_org: i64,
    /// Partner `p`'s user is `first_user + 2p + 1`.
    pub first_user: i64,
}

/// Seeds the registrations; how many.
pub async fn seed(db: &DatabaseConnection, ids: &Ids, partners: usize) -> Result<usize, DbErr> {
    let families: Vec<i64> = in_tenant::<product_family::Entity>(ids.tenant_id)
        .select_only()
        .column(product_family::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let count = partners * PER_PARTNER;
    let first = next_id(db, "deals").await?;
    let first_line = next_id(db, "deal_lines").await?;
    for start in (0..count).step_by(BATCH) {
        let range = start..(start + BATCH).min(count);
        let rows: Vec<deal::ActiveModel> = range
            .clone()
            .map(|i| row(ids, first, i, partners))
            .collect();
        deal::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
        let lines = range.map(|i| deal_line::ActiveModel {
            id: Set(first_line + i as i64),
            tenant_id: Set(ids.tenant_id),
            deal_id: Set(first + i as i64),
            product_family_id: Set(families[i % families.len().max(1)]),
            quantity: Set(1 + (i % 50) as i32),
            amount_minor: Set(amount(i)),
        });
        deal_line::Entity::insert_many(lines)
            .exec_without_returning(db)
            .await?;
    }
    fix_sequence(db, "deals").await?;
    fix_sequence(db, "deal_lines").await?;
    Ok(count)
}

fn amount(i: usize) -> i64 {
    500_000 + (i as i64 % 991) * 25_000
}

/// Registration `i`: partner `i / 10`, registered `i % 365` days ago.
fn row(ids: &Ids, first: i64, i: usize, partners: usize) -> deal::ActiveModel {
    let p = i / PER_PARTNER;
    let status = STATES[i % PER_PARTNER];
    let now = Utc::now();
    let at = now - Duration::days((i % 365) as i64) - Duration::minutes((i % 1440) as i64);
    let sent = (status != DealStatus::Draft).then_some(at);
    let decided = !matches!(
        status,
        DealStatus::Draft | DealStatus::Submitted | DealStatus::Withdrawn
    );
    let name = format!("Customer {i:07} Industries");
    deal::ActiveModel {
        id: Set(first + i as i64),
        tenant_id: Set(ids.tenant_id),
        partner_id: Set(ids.first_org + p as i64),
        distributor_id: Set(channel_parent(p, partners).map(|d| ids.first_org + d as i64)),
        reference: Set(format!("OPP-{i:07}")),
        customer_key: Set(normalise_name(&name)),
        customer_name: Set(name),
        customer_website: Set(format!("https://customer{i}.example")),
        customer_domain: Set(Some(format!("customer{i}.example"))),
        country: Set(if i.is_multiple_of(5) { "DE" } else { "US" }.into()),
        region: Set(String::new()),
        city: Set("Springfield".into()),
        postcode: Set(String::new()),
        contact_name: Set(format!("Buyer {i}")),
        contact_email: Set(format!("buyer@customer{i}.example")),
        contact_phone: Set(String::new()),
        currency: Set(if i.is_multiple_of(5) { "EUR" } else { "USD" }.into()),
        amount_minor: Set(amount(i)),
        expected_close_on: Set((at + Duration::days(90)).date_naive()),
        stage: Set(DealStage::ALL[i % DealStage::ALL.len()]),
        origin: Set(if i.is_multiple_of(4) {
            DealOrigin::Fulfilment
        } else {
            DealOrigin::Sourced
        }),
        competitor: Set(String::new()),
        notes: Set(String::new()),
        status: Set(status),
        submitted_at: Set(sent),
        decision_due_at: Set(sent.map(|s| s + Duration::days(2))),
        decided_at: Set(decided.then(|| at + Duration::days(1))),
        returned_fields: Set(String::new()),
        protected_until: Set((status == DealStatus::Approved)
            .then(|| (now + Duration::days(30 + (i % 60) as i64)).date_naive())),
        idempotency_key: Set(format!("scale-{i}")),
        version: Set(1),
        created_by: Set(ids.first_user + 2 * p as i64 + 1),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
}
