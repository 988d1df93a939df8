//! Leads at scale: three per partner (300,000 at N = 100,000), one offered
//! to it and waiting, one it accepted and contacted, one it turned into a
//! registration, plus one lead in ten partners' worth waiting in the
//! vendor's queue; all came in over the last quarter.

use super::deals::Ids;
use super::{fix_sequence, next_id};
use crate::ssr::entities::lead;
use crate::types::lead::{LeadPriority, LeadSource, LeadStatus};
use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

pub const PER_PARTNER: usize = 3;
/// Leads per insert: 38 columns each stay under SQLite's 32,766 bound
/// variables.
const BATCH: usize = 500;

const STATES: [LeadStatus; PER_PARTNER] = [
    LeadStatus::Offered,
    LeadStatus::Accepted,
    LeadStatus::Converted,
];

/// Seeds the leads; how many.
pub async fn seed(db: &DatabaseConnection, ids: &Ids, partners: usize) -> Result<usize, DbErr> {
    let held = partners * PER_PARTNER;
    let queued = partners / 10;
    let count = held + queued;
    let first = next_id(db, "leads").await?;
    for start in (0..count).step_by(BATCH) {
        let rows: Vec<lead::ActiveModel> = (start..(start + BATCH).min(count))
            .map(|i| row(ids, first, i, held))
            .collect();
        lead::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    fix_sequence(db, "leads").await?;
    Ok(count)
}

/// Lead `i`: held by partner `i / 3` in the state `i % 3` names, or (past
/// `held`) in the vendor's queue.
fn row(ids: &Ids, first: i64, i: usize, held: usize) -> lead::ActiveModel {
    let now = Utc::now();
    let at = now - Duration::minutes((i % (90 * 1440)) as i64);
    let (status, partner) = if i < held {
        (
            STATES[i % PER_PARTNER],
            Some(ids.first_org + (i / PER_PARTNER) as i64),
        )
    } else {
        (LeadStatus::Queued, None)
    };
    let offered = partner.map(|_| at + Duration::minutes(5));
    let accepted = matches!(status, LeadStatus::Accepted | LeadStatus::Converted)
        .then(|| at + Duration::hours(3));
    lead::ActiveModel {
        id: Set(first + i as i64),
        tenant_id: Set(ids.tenant_id),
        company: Set(format!("Prospect {i:07} Ltd")),
        contact_name: Set(format!("Contact {i}")),
        contact_email: Set(format!("contact@prospect{i}.example")),
        contact_phone: Set(String::new()),
        country: Set(if i.is_multiple_of(5) { "DE" } else { "US" }.into()),
        region: Set(String::new()),
        city: Set("Springfield".into()),
        postcode: Set(String::new()),
        latitude_e6: Set(None),
        longitude_e6: Set(None),
        product_family_id: Set(None),
        certification_id: Set(None),
        segment: Set(format!("Segment {}", i % 7)),
        priority: Set(LeadPriority::ALL[i % LeadPriority::ALL.len()]),
        source: Set(if i.is_multiple_of(4) {
            LeadSource::Campaign
        } else {
            LeadSource::Form
        }),
        campaign_id: Set(None),
        notes: Set(String::new()),
        status: Set(status),
        partner_id: Set(partner),
        passed_by_id: Set(None),
        misses: Set(0),
        offered_at: Set(offered),
        // Offers still open and first contacts made: the hourly clocks find
        // nothing to do while a benchmark runs.
        accept_due_at: Set((status == LeadStatus::Offered)
            .then(|| now + Duration::hours(24) + Duration::minutes((i % 600) as i64))),
        accepted_at: Set(accepted),
        accepted_by: Set(accepted.map(|_| ids.first_user + 2 * (i / PER_PARTNER) as i64 + 1)),
        contact_due_at: Set(accepted.map(|a| a + Duration::hours(48))),
        contact_reminded_at: Set(None),
        contacted_at: Set(accepted.map(|a| a + Duration::hours(20))),
        deal_id: Set(None),
        idempotency_key: Set(format!("scale-lead-{i}")),
        version: Set(1),
        created_by: Set(ids.first_user),
        created_at: Set(at),
        updated_at: Set(at),
    }
}
