//! Return on the funds per activity type: what approved and paid claims
//! cost against the leads, attendees and pipeline they reported.

use crate::error::AppResult;
use crate::ssr::entities::{mdf_allocation, mdf_claim, mdf_request};
use crate::ssr::scope::in_tenant;
use crate::ssr::{AppState, Scope};
use crate::types::mdf::{ClaimStatus, RoiRow};
use sea_orm::{ColumnTrait, QueryFilter};
use std::collections::HashMap;

pub async fn by_activity(state: &AppState, scope: &Scope<'_>) -> AppResult<Vec<RoiRow>> {
    let db = &state.db;
    let claims = scope
        .mdf_claims()
        .filter(
            mdf_claim::Column::Status
                .is_in([ClaimStatus::Approved.as_str(), ClaimStatus::Paid.as_str()]),
        )
        .all(db)
        .await?;
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let requests: HashMap<i64, mdf_request::Model> = scope
        .mdf_requests()
        .filter(
            mdf_request::Column::Id.is_in(claims.iter().map(|c| c.request_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let budget_of: HashMap<i64, i64> = in_tenant::<mdf_allocation::Entity>(scope.tenant_id())
        .filter(
            mdf_allocation::Column::Id.is_in(
                requests
                    .values()
                    .map(|r| r.allocation_id)
                    .collect::<Vec<_>>(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.budget_id))
        .collect();
    let currency_of: HashMap<i64, String> = scope
        .mdf_budgets()
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.currency))
        .collect();

    let mut rows: Vec<RoiRow> = Vec::new();
    for c in &claims {
        let Some(r) = requests.get(&c.request_id) else {
            continue;
        };
        let activity = r.activity_type;
        let currency = budget_of
            .get(&r.allocation_id)
            .and_then(|b| currency_of.get(b))
            .cloned()
            .unwrap_or_default();
        let at = match rows
            .iter()
            .position(|x| x.activity_type == activity && x.currency == currency)
        {
            Some(at) => at,
            None => {
                rows.push(RoiRow {
                    activity_type: activity,
                    currency,
                    claims: 0,
                    spent_minor: 0,
                    leads: 0,
                    attendees: 0,
                    pipeline_minor: 0,
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[at];
        row.claims += 1;
        row.spent_minor += c.approved_minor.unwrap_or(0);
        row.leads += i64::from(c.actual_leads);
        row.attendees += i64::from(c.actual_attendees);
        row.pipeline_minor += c.actual_pipeline_minor;
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.spent_minor));
    Ok(rows)
}
