//! Claim deadlines, a recurring job (`RecurringTask::ClaimDeadlines`): remind partners a week before the
//! deadline, and release reservations nobody claimed once it has passed.
//! Every step is a conditional update, so any number of server instances can
//! run this at once and each request is reminded or expired exactly once.

use super::claims;
use crate::error::AppResult;
use crate::ssr::entities::{fund_request, tenant, user};
use crate::ssr::jobs::{self, mail::MailJob, Job, Work};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::{Actor, AppState, Scope};
use crate::types::funds::RequestStatus;
use crate::types::Role;
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
    let people = in_tenant::<user::Entity>(t.id)
        .filter(user::Column::OrganizationId.eq(r.partner_id))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in(Role::PARTNER))
        .all(&state.db)
        .await?;
    let link = format!("{}/funds/requests/{}", state.config.base_url, r.id);
    let mails = people
        .into_iter()
        .map(|person| {
            // Each partner user in their own language.
            let lang = person.language().unwrap_or_default();
            let date = crate::locale::date_in(lang, deadline);
            let subject = crate::tr_in!(
                lang,
                mail.claim_due_subject,
                program = &t.name,
                date = &date
            )
            .to_string();
            let text = crate::tr_in!(
                lang,
                mail.claim_due_body,
                name = &person.name,
                title = &r.title,
                date = &date,
                link = &link
            )
            .to_string();
            Job::now(
                Some(t.id),
                Work::Mail(MailJob::new(&person.email, &subject, text)),
            )
        })
        .collect();
    // Queued (retried on failure); the mark above keeps it to one reminder.
    jobs::enqueue(&state.db, mails).await?;
    Ok(true)
}
