//! The leads' clocks, a recurring pass (`RecurringTask::LeadClocks`,
//! hourly): an offer not accepted in time counts as a miss and the lead
//! routes on (or goes back to the vendor's queue after three), and whoever
//! accepted a lead is reminded once when its first contact falls due. Each
//! step claims its lead with a conditional update in the transaction that
//! acts on it, so any number of instances may run the pass.

use super::respond::missed;
use crate::error::AppResult;
use crate::ssr::entities::{lead, tenant};
use crate::ssr::repo::begin_write;
use crate::ssr::scope::tenant_is;
use crate::ssr::services::business_clock as clock;
use crate::ssr::AppState;
use crate::types::lead::{DeclineReason, LeadStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Leads one pass handles of each kind (the next pass takes the rest).
const BATCH: u64 = 500;

/// What one pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub expired: usize,
    pub reminded: usize,
}

impl Outcome {
    pub fn total(&self) -> usize {
        self.expired + self.reminded
    }
}

/// One tenant's pass, as of `at`.
pub async fn run_for_tenant(
    state: &AppState,
    t: &tenant::Model,
    at: DateTime<Utc>,
) -> AppResult<Outcome> {
    Ok(Outcome {
        expired: expire_offers(state, t, at).await?,
        reminded: remind_contacts(state, t, at).await?,
    })
}

/// Offers whose time ran out: a miss each, and the lead routes on.
async fn expire_offers(state: &AppState, t: &tenant::Model, at: DateTime<Utc>) -> AppResult<usize> {
    let due = lead::Entity::find()
        .filter(tenant_is::<lead::Entity>(t.id))
        .filter(lead::Column::Status.eq(LeadStatus::Offered))
        .filter(lead::Column::AcceptDueAt.lte(at))
        .order_by_asc(lead::Column::AcceptDueAt)
        .limit(BATCH)
        .all(&state.db)
        .await?;
    let mut count = 0;
    for row in due {
        let txn = begin_write(&state.db).await?;
        // Claim it: only if it is still this offer.
        let claimed = lead::Entity::update_many()
            .col_expr(lead::Column::Version, Expr::value(row.version + 1))
            .filter(tenant_is::<lead::Entity>(t.id))
            .filter(lead::Column::Id.eq(row.id))
            .filter(lead::Column::Version.eq(row.version))
            .filter(lead::Column::Status.eq(LeadStatus::Offered))
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        let row = lead::Model {
            version: row.version + 1,
            ..row
        };
        Box::pin(missed(
            &txn,
            state,
            row,
            DeclineReason::Expired,
            (None, ""),
            at,
        ))
        .await?;
        txn.commit().await?;
        count += 1;
    }
    Ok(count)
}

/// Accepted leads not contacted by their due time: one reminder each.
async fn remind_contacts(
    state: &AppState,
    t: &tenant::Model,
    at: DateTime<Utc>,
) -> AppResult<usize> {
    let zone = clock::zone(&t.time_zone);
    let due = lead::Entity::find()
        .filter(tenant_is::<lead::Entity>(t.id))
        .filter(lead::Column::Status.eq(LeadStatus::Accepted))
        .filter(lead::Column::ContactDueAt.lte(at))
        .filter(lead::Column::ContactedAt.is_null())
        .filter(lead::Column::ContactRemindedAt.is_null())
        .limit(BATCH)
        .all(&state.db)
        .await?;
    let mut count = 0;
    for row in due {
        let txn = begin_write(&state.db).await?;
        let claimed = lead::Entity::update_many()
            .col_expr(lead::Column::ContactRemindedAt, Expr::value(at))
            .filter(tenant_is::<lead::Entity>(t.id))
            .filter(lead::Column::Id.eq(row.id))
            .filter(lead::Column::ContactRemindedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        let day = row
            .contact_due_at
            .unwrap_or(at)
            .with_timezone(&zone)
            .date_naive();
        super::notify::contact_due(&txn, state, &row, day).await?;
        txn.commit().await?;
        count += 1;
    }
    Ok(count)
}
