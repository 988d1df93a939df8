//! Return on the funds per activity type: what approved and paid claims
//! cost against the leads, attendees and pipeline they reported, and the
//! won deal registrations that name the activity as their source (in their
//! own currencies: a won deal is never converted at a guessed rate).

use crate::error::AppResult;
use crate::ssr::entities::{deal, fund_allocation, fund_claim, fund_request};
use crate::ssr::scope::in_tenant;
use crate::ssr::{AppState, Scope};
use crate::types::deal::DealStatus;
use crate::types::funds::{ActivityType, ClaimStatus, RoiRow};
use sea_orm::{ColumnTrait, QueryFilter};
use std::collections::HashMap;

pub async fn by_activity(state: &AppState, scope: &Scope<'_>) -> AppResult<Vec<RoiRow>> {
    let db = &state.db;
    let claims = scope
        .fund_claims()
        .filter(fund_claim::Column::Status.is_in([ClaimStatus::Approved, ClaimStatus::Paid]))
        .all(db)
        .await?;
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let requests: HashMap<i64, fund_request::Model> = scope
        .fund_requests()
        .filter(
            fund_request::Column::Id.is_in(claims.iter().map(|c| c.request_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let currencies = currencies(state, scope, &requests).await?;
    let mut rows: Vec<RoiRow> = Vec::new();
    for c in &claims {
        let Some(r) = requests.get(&c.request_id) else {
            continue;
        };
        let currency = currencies
            .get(&r.allocation_id)
            .cloned()
            .unwrap_or_default();
        add_claim(row_for(&mut rows, r.activity_type, currency), c);
    }
    for d in won_deals(state, scope, &requests).await? {
        let Some(r) = d.fund_request_id.and_then(|id| requests.get(&id)) else {
            continue;
        };
        let currency = currencies
            .get(&r.allocation_id)
            .cloned()
            .unwrap_or_default();
        add_won(row_for(&mut rows, r.activity_type, currency), &d);
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.spent_minor));
    Ok(rows)
}

/// The won registrations sourced by the requests.
async fn won_deals(
    state: &AppState,
    scope: &Scope<'_>,
    requests: &HashMap<i64, fund_request::Model>,
) -> AppResult<Vec<deal::Model>> {
    Ok(scope
        .deals()
        .filter(deal::Column::Status.eq(DealStatus::Won))
        .filter(deal::Column::FundRequestId.is_in(requests.keys().copied().collect::<Vec<_>>()))
        .all(&state.db)
        .await?)
}

fn add_won(row: &mut RoiRow, d: &deal::Model) {
    row.won_deals += 1;
    match row.won.iter_mut().find(|(c, _)| *c == d.currency) {
        Some((_, sum)) => *sum += d.amount_minor,
        None => row.won.push((d.currency.clone(), d.amount_minor)),
    }
}

/// The currency of each allocation the requests draw on.
async fn currencies(
    state: &AppState,
    scope: &Scope<'_>,
    requests: &HashMap<i64, fund_request::Model>,
) -> AppResult<HashMap<i64, String>> {
    let db = &state.db;
    let allocation_ids: Vec<i64> = requests.values().map(|r| r.allocation_id).collect();
    let budget_of: Vec<(i64, i64)> = in_tenant::<fund_allocation::Entity>(scope.tenant_id())
        .filter(fund_allocation::Column::Id.is_in(allocation_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.budget_id))
        .collect();
    let currency_of: HashMap<i64, String> = scope
        .fund_budgets()
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.currency))
        .collect();
    Ok(budget_of
        .into_iter()
        .filter_map(|(a, b)| Some((a, currency_of.get(&b)?.clone())))
        .collect())
}

/// The row for an activity type in a currency, added empty on first use.
fn row_for(rows: &mut Vec<RoiRow>, activity_type: ActivityType, currency: String) -> &mut RoiRow {
    let at = match rows
        .iter()
        .position(|x| x.activity_type == activity_type && x.currency == currency)
    {
        Some(at) => at,
        None => {
            rows.push(RoiRow {
                activity_type,
                currency,
                claims: 0,
                spent_minor: 0,
                leads: 0,
                attendees: 0,
                pipeline_minor: 0,
                won_deals: 0,
                won: Vec::new(),
            });
            rows.len() - 1
        }
    };
    &mut rows[at]
}

fn add_claim(row: &mut RoiRow, c: &fund_claim::Model) {
    row.claims += 1;
    row.spent_minor += c.approved_minor.unwrap_or(0);
    row.leads += i64::from(c.actual_leads);
    row.attendees += i64::from(c.actual_attendees);
    row.pipeline_minor += c.actual_pipeline_minor;
}
