//! Recurring work on the durable queue. Each task (`RecurringTask`) comes
//! round once per tenant and period (a day or an hour, UTC). Every instance
//! runs the scheduler; a pass is claimed by inserting its
//! `recurring_runs` row, unique on (tenant, task, period), and its job is
//! queued in the same transaction, so however many instances schedule it,
//! one pass runs. The row records the run (started, finished, what it acted
//! on, the last error) for vendor admins. Passes are idempotent: a retry
//! after a failure, or a pass whose worker died, repeats nothing already
//! done.

use super::{Job, Outcome, Work};
use crate::error::AppResult;
use crate::ssr::entities::{recurring_run, tenant};
use crate::ssr::permission::Permission;
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::types::job::{Cadence, JobStatus, RecurringRunView, RecurringTask};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// How many runs of each task the admin page lists: a daily task's two
/// months, an hourly one's last day and a half.
pub const SHOWN_RUNS: u64 = 36;

/// One pass: which task, for which tenant and period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pass {
    pub tenant_id: i64,
    pub task: RecurringTask,
    pub period: String,
}

/// The period `at` falls in: its day ("2026-12-06") or hour ("2026-12-06T14").
pub fn period_of(cadence: Cadence, at: DateTime<Utc>) -> String {
    match cadence {
        Cadence::Daily => at.format("%Y-%m-%d").to_string(),
        Cadence::Hourly => at.format("%Y-%m-%dT%H").to_string(),
    }
}

/// The day a period lies in: the day a pass runs "as of".
fn day_of(period: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(period.get(..10)?, "%Y-%m-%d").ok()
}

/// A period as people read it: the day in their language, and the hour
/// (UTC, as periods are) when it is one.
fn period_label(period: &str) -> String {
    let Some(day) = day_of(period) else {
        return period.to_owned();
    };
    match period.get(11..13) {
        Some(hour) => format!("{}, {hour}:00 UTC", crate::locale::date(day)),
        None => crate::locale::date(day),
    }
}

/// Queues every task's pass for every tenant whose current period has none
/// yet; the number queued. Safe to run on every instance at once.
pub async fn schedule(state: &AppState, at: DateTime<Utc>) -> AppResult<usize> {
    let tenants: Vec<i64> = tenant::Entity::find()
        .select_only()
        .column(tenant::Column::Id)
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut queued = 0;
    for task in RecurringTask::ALL {
        let period = period_of(task.cadence(), at);
        let done = tenants_with_run(state, *task, &period).await?;
        for tenant_id in tenants.iter().filter(|t| !done.contains(t)) {
            let pass = Pass {
                tenant_id: *tenant_id,
                task: *task,
                period: period.clone(),
            };
            if claim(state, &pass).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// The tenants whose pass of `task` for `period` is already claimed: the
/// scheduler's usual answer is "all of them", read in one query.
async fn tenants_with_run(
    state: &AppState,
    task: RecurringTask,
    period: &str,
) -> AppResult<HashSet<i64>> {
    let ids: Vec<i64> = recurring_run::Entity::find()
        .select_only()
        .column(recurring_run::Column::TenantId)
        .filter(recurring_run::Column::Task.eq(task))
        .filter(recurring_run::Column::Period.eq(period))
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(ids.into_iter().collect())
}

/// Records the pass and queues its job, in one transaction; false when
/// another instance claimed it first.
async fn claim(state: &AppState, pass: &Pass) -> AppResult<bool> {
    use recurring_run::Column as R;
    let txn = state.db.begin().await?;
    let row = recurring_run::ActiveModel {
        tenant_id: Set(pass.tenant_id),
        task: Set(pass.task),
        period: Set(pass.period.clone()),
        status: Set(JobStatus::Queued),
        queued_at: Set(now()),
        attempts: Set(0),
        items: Set(0),
        error: Set(String::new()),
        ..Default::default()
    };
    let inserted = recurring_run::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([R::TenantId, R::Task, R::Period])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    if inserted == 0 {
        return Ok(false);
    }
    super::enqueue(
        &txn,
        vec![Job::now(
            Some(pass.tenant_id),
            Work::Recurring(pass.clone()),
        )],
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// Runs one pass (the job queue's handler) and records how it went.
pub async fn perform(state: &AppState, pass: Pass, last_attempt: bool) -> Outcome {
    match run(state, &pass).await {
        Ok(items) => match record(state, &pass, JobStatus::Done, items, "").await {
            Ok(()) => Outcome::Done,
            Err(e) => Outcome::Retry(e.to_string()),
        },
        Err(e) => {
            let status = if last_attempt {
                JobStatus::Failed
            } else {
                JobStatus::Queued
            };
            if let Err(r) = record(state, &pass, status, 0, &e).await {
                tracing::warn!(error = %r, "could not record a recurring run's failure");
            }
            Outcome::Retry(e)
        }
    }
}

/// The task itself; what it acted on, or why it failed.
async fn run(state: &AppState, pass: &Pass) -> Result<i32, String> {
    started(state, pass).await.map_err(|e| e.to_string())?;
    let Some(t) = tenant::Entity::find_by_id(pass.tenant_id)
        .one(&state.db)
        .await
        .map_err(|e| e.to_string())?
    else {
        // The tenant was removed after the pass was queued: nothing to do.
        return Ok(0);
    };
    let day = day_of(&pass.period).ok_or_else(|| format!("unreadable period {:?}", pass.period))?;
    let items = match pass.task {
        RecurringTask::ClaimDeadlines => {
            let o = crate::ssr::services::funds::deadlines::run_for_tenant(state, &t, day)
                .await
                .map_err(|e| e.to_string())?;
            o.reminded + o.expired
        }
        RecurringTask::DealClocks => {
            crate::ssr::services::deals::clocks::run_for_tenant(state, &t, now())
                .await
                .map_err(|e| e.to_string())?
                .total()
        }
        RecurringTask::LeadClocks => {
            crate::ssr::services::leads::clocks::run_for_tenant(state, &t, now())
                .await
                .map_err(|e| e.to_string())?
                .total()
        }
        RecurringTask::NotificationDigest => {
            crate::ssr::services::notifications::digest::run_for_tenant(state, &t)
                .await
                .map_err(|e| e.to_string())?
        }
    };
    Ok(i32::try_from(items).unwrap_or(i32::MAX))
}

fn this_pass(pass: &Pass) -> sea_orm::Condition {
    use recurring_run::Column as R;
    sea_orm::Condition::all()
        .add(tenant_is::<recurring_run::Entity>(pass.tenant_id))
        .add(R::Task.eq(pass.task))
        .add(R::Period.eq(pass.period.as_str()))
}

async fn started(state: &AppState, pass: &Pass) -> AppResult<()> {
    use recurring_run::Column as R;
    recurring_run::Entity::update_many()
        .col_expr(R::Status, Expr::value(JobStatus::Running))
        .col_expr(R::StartedAt, Expr::value(Some(now())))
        .col_expr(R::Attempts, Expr::col(R::Attempts).add(1))
        .filter(this_pass(pass))
        .exec(&state.db)
        .await?;
    Ok(())
}

async fn record(
    state: &AppState,
    pass: &Pass,
    status: JobStatus,
    items: i32,
    error: &str,
) -> AppResult<()> {
    use recurring_run::Column as R;
    recurring_run::Entity::update_many()
        .col_expr(R::Status, Expr::value(status))
        .col_expr(R::FinishedAt, Expr::value(Some(now())))
        .col_expr(R::Items, Expr::value(items))
        .col_expr(R::Error, Expr::value(error))
        .filter(this_pass(pass))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// The actor's program's latest runs of each task, newest first (vendor
/// admins): an hourly task does not push the daily ones off the page.
pub async fn recent(state: &AppState, actor: &Actor) -> AppResult<Vec<RecurringRunView>> {
    use recurring_run::Column as R;
    actor.require(Permission::ViewBackgroundWork)?;
    let mut rows = Vec::new();
    for task in RecurringTask::ALL {
        rows.extend(
            in_tenant::<recurring_run::Entity>(actor.tenant_id)
                .filter(R::Task.eq(*task))
                .order_by_desc(R::QueuedAt)
                .order_by_desc(R::Id)
                .limit(SHOWN_RUNS)
                .all(&state.db)
                .await?,
        );
    }
    rows.sort_by_key(|r| std::cmp::Reverse((r.queued_at, r.id)));
    Ok(rows
        .into_iter()
        .map(|r| RecurringRunView {
            task: r.task,
            period_label: period_label(&r.period),
            period: r.period,
            status: r.status,
            queued: actor.time(r.queued_at),
            started: r.started_at.map(|t| actor.time(t)),
            finished: r.finished_at.map(|t| actor.time(t)),
            attempts: r.attempts,
            items: r.items,
            error: r.error,
        })
        .collect())
}

/// The scheduler: looks for due passes now and then every `every`, for the
/// life of the server. Every instance runs one.
pub fn spawn_scheduler(state: AppState, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match schedule(&state, now()).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "recurring passes queued"),
                Err(e) => tracing::warn!(error = %e, "recurring scheduler failed; trying again"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn periods_are_the_utc_day_or_hour() {
        let at = Utc.with_ymd_and_hms(2026, 12, 6, 23, 59, 59).unwrap();
        assert_eq!(period_of(Cadence::Daily, at), "2026-12-06");
        assert_eq!(period_of(Cadence::Hourly, at), "2026-12-06T23");
        assert_eq!(
            day_of("2026-12-06T23"),
            NaiveDate::from_ymd_opt(2026, 12, 6)
        );
        assert_eq!(day_of("06.12.2026"), None);
    }

    #[test]
    fn a_pass_round_trips_through_the_job_payload() {
        let w = Work::Recurring(Pass {
            tenant_id: 3,
            task: RecurringTask::ClaimDeadlines,
            period: "2026-12-06".into(),
        });
        let s = serde_json::to_string(&w).unwrap();
        assert_eq!(
            s,
            r#"{"kind":"recurring","tenant_id":3,"task":"ClaimDeadlines","period":"2026-12-06"}"#
        );
        assert_eq!(serde_json::from_str::<Work>(&s).unwrap(), w);
    }
}
