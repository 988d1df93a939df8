//! Claim deadlines, a recurring job (`RecurringTask::ClaimDeadlines`): remind partners a week before the
//! deadline, and release reservations nobody claimed once it has passed.
//! Every step is a conditional update, so any number of server instances can
//! run this at once and each request is reminded or expired exactly once.

use super::claims;
use crate::error::AppResult;
use crate::ssr::entities::{fund_request, tenant};
use crate::ssr::scope::tenant_is;
use crate::ssr::services::notifications::{self, Notice, Recipient};
use crate::ssr::{Actor, AppState, Scope};
use crate::types::funds::RequestStatus;
use crate::types::notification::{Details, NotificationKind};
use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const REMIND_DAYS_BEFORE: i64 = 7;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub reminded: usize,
    pub expired: usize,
}

/// One pass over every tenant, as of `today` (tests; the server runs
/// [`run_for_tenant`] as a recurring job per tenant and day).
pub async fn run_once(state: &AppState, today: NaiveDate) -> AppResult<Outcome> {
    let mut outcome = Outcome::default();
    for t in tenant::Entity::find().all(&state.db).await? {
        let o = run_for_tenant(state, &t, today).await?;
        outcome.reminded += o.reminded;
        outcome.expired += o.expired;
    }
    Ok(outcome)
}

/// One tenant's pass, as of `today`.
pub async fn run_for_tenant(
    state: &AppState,
    t: &tenant::Model,
    today: NaiveDate,
) -> AppResult<Outcome> {
    let mut outcome = Outcome::default();
    let system = Actor::system(t.id);
    let days = Duration::days(i64::from(t.fund_claim_days));
    let approved = Scope::new(&system)
        .fund_requests()
        .filter(fund_request::Column::Status.eq(RequestStatus::Approved))
        // Deadline within a week, or already passed.
        .filter(fund_request::Column::EndsOn.lte(today - days + Duration::days(REMIND_DAYS_BEFORE)))
        .all(&state.db)
        .await?;
    for r in approved {
        let deadline = r.ends_on + days;
        if today > deadline {
            if claims::expire(state, &system, r.id).await? {
                outcome.expired += 1;
            }
        } else if r.claim_reminded_at.is_none() && remind(state, t, &r, deadline).await? {
            outcome.reminded += 1;
        }
    }
    Ok(outcome)
}

async fn remind(
    state: &AppState,
    t: &tenant::Model,
    r: &fund_request::Model,
    deadline: NaiveDate,
) -> AppResult<bool> {
    let now = crate::ssr::services::now();
    let won = fund_request::Entity::update_many()
        .col_expr(fund_request::Column::ClaimRemindedAt, Expr::value(now))
        .filter(tenant_is::<fund_request::Entity>(t.id))
        .filter(fund_request::Column::Id.eq(r.id))
        .filter(fund_request::Column::ClaimRemindedAt.is_null())
        .exec(&state.db)
        .await?
        .rows_affected
        == 1;
    if !won {
        return Ok(false);
    }
    let people = crate::ssr::repo::users::partner_people(&state.db, t.id, r.partner_id).await?;
    let notices = people
        .iter()
        .map(|person| Notice {
            to: Recipient::from(person),
            kind: NotificationKind::FundsClaimDue,
            subject_id: Some(r.id),
            details: Details::FundsClaimDue {
                program: t.name.clone(),
                title: r.title.clone(),
                due: deadline,
            },
            link: format!("/funds/requests/{}", r.id),
        })
        .collect();
    // The mark above keeps it to one reminder; mails are queued (retried).
    notifications::deliver(&state.db, &state.config.base_url, t.id, notices).await?;
    Ok(true)
}
