//! The durable job queue: background work stored in the `jobs` table, so it
//! survives restarts and is shared by every server instance.
//!
//! A worker claims one due job at a time with a lease (`locked_until`); on
//! PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED` so instances never
//! wait on each other, on SQLite the single writer makes the claim atomic.
//! The worker renews its lease while the job runs, so the lease can be short
//! however long the work takes, and a job whose worker died is claimed again
//! soon after: once its lease runs out.
//! Failures are retried with exponential backoff until `max_attempts`.

pub mod mail;
pub mod recurring;

use crate::error::{AppError, AppResult};
use crate::ssr::entities::job;
use crate::ssr::services::now;
use crate::ssr::AppState;
use crate::types::job::JobStatus;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, Set,
    Statement,
};
use serde::{Deserialize, Serialize};

/// How long a claimed job is reserved for its worker, from the claim or the
/// last renewal. A job whose worker died waits this long to run again.
pub const LEASE: Duration = Duration::seconds(20);

/// How often a running job's lease is renewed: a quarter of the lease, so a
/// few slow or failed renewals in a row do not let it lapse.
pub const RENEW_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// What a job does, stored as JSON in its payload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Work {
    /// A transactional e-mail (forum notifications, claim reminders).
    Mail(mail::MailJob),
    /// One campaign e-mail, by its `campaign_messages` row.
    CampaignMessage { message_id: i64 },
    /// One tenant's pass of a recurring task (`recurring`).
    Recurring(recurring::Pass),
}

impl Work {
    fn kind(&self) -> &'static str {
        match self {
            Work::Mail(_) => "mail",
            Work::CampaignMessage { .. } => "campaign_message",
            Work::Recurring(_) => "recurring",
        }
    }
}

/// What running a job came to.
#[derive(Debug)]
pub enum Outcome {
    Done,
    /// A passing failure (mail server down): try again later.
    Retry(String),
    /// Not yet (rate limit): run again after the pause, no attempt used.
    Later(Duration),
    /// Cannot ever succeed: stop now.
    Fail(String),
}

/// The queue as the rest of the portal sees it.
pub struct Job {
    pub tenant_id: Option<i64>,
    pub work: Work,
    pub run_at: DateTime<Utc>,
}

impl Job {
    pub fn now(tenant_id: Option<i64>, work: Work) -> Self {
        Self {
            tenant_id,
            work,
            run_at: now(),
        }
    }

    fn row(&self) -> AppResult<job::ActiveModel> {
        Ok(job::ActiveModel {
            tenant_id: Set(self.tenant_id),
            kind: Set(self.work.kind().into()),
            payload: Set(serde_json::to_string(&self.work).map_err(|_| AppError::Internal)?),
            status: Set(JobStatus::Queued),
            run_at: Set(self.run_at),
            attempts: Set(0),
            max_attempts: Set(5),
            locked_until: Set(None),
            last_error: Set(String::new()),
            created_at: Set(now()),
            finished_at: Set(None),
            ..Default::default()
        })
    }
}

/// Adds jobs, inside the caller's transaction when it passes one, so the
/// work is queued exactly when the change that asks for it is committed.
pub async fn enqueue(db: &impl ConnectionTrait, jobs: Vec<Job>) -> AppResult<()> {
    for chunk in jobs.chunks(200) {
        let rows = chunk.iter().map(Job::row).collect::<AppResult<Vec<_>>>()?;
        job::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct Claimed {
    id: i64,
    payload: String,
    attempts: i32,
    max_attempts: i32,
}

/// Takes the next due job (queued and due, or running with a lapsed lease).
async fn claim(db: &impl ConnectionTrait) -> AppResult<Option<Claimed>> {
    let backend = db.get_database_backend();
    let at = now();
    let (lease, due, lapsed, lock) = if backend == DbBackend::Postgres {
        ("$1", "$2", "$3", " FOR UPDATE SKIP LOCKED")
    } else {
        ("?", "?", "?", "")
    };
    // The status codes come from the enum (constants, never user input).
    let (running, queued) = (JobStatus::Running, JobStatus::Queued);
    let sql = format!(
        "UPDATE jobs SET status = '{running}', attempts = attempts + 1, locked_until = {lease} \
         WHERE id = (SELECT id FROM jobs \
           WHERE (status = '{queued}' AND run_at <= {due}) OR (status = '{running}' AND locked_until < {lapsed}) \
           ORDER BY run_at, id LIMIT 1{lock}) \
         RETURNING id, payload, attempts, max_attempts"
    );
    Ok(Claimed::find_by_statement(Statement::from_sql_and_values(
        backend,
        sql,
        [(at + LEASE).into(), at.into(), at.into()],
    ))
    .one(db)
    .await?)
}

/// Extends the lease of a job still held by the claim that counted
/// `attempts`; false when the job finished or another worker claimed it
/// after the lease ran out (each claim counts an attempt).
pub async fn renew(db: &impl ConnectionTrait, id: i64, attempts: i32) -> AppResult<bool> {
    let renewed = job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, Expr::value(Some(now() + LEASE)))
        .filter(job::Column::Id.eq(id))
        .filter(job::Column::Status.eq(JobStatus::Running))
        .filter(job::Column::Attempts.eq(attempts))
        .exec(db)
        .await?;
    Ok(renewed.rows_affected == 1)
}

/// Runs `work` while renewing the job's lease every `every`. A renewal that
/// fails is logged and the work goes on: the job's handlers are safe to
/// repeat, so at worst another worker runs it again.
pub async fn keep_lease<F: std::future::Future>(
    db: &impl ConnectionTrait,
    id: i64,
    attempts: i32,
    every: std::time::Duration,
    work: F,
) -> F::Output {
    let mut work = std::pin::pin!(work);
    let mut renewals = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    loop {
        tokio::select! {
            out = &mut work => return out,
            _ = renewals.tick() => match renew(db, id, attempts).await {
                Ok(true) => {}
                Ok(false) => tracing::warn!(job = id, "job's lease was taken over while it ran"),
                Err(e) => tracing::warn!(job = id, error = %e, "could not renew a job's lease"),
            },
        }
    }
}

async fn finish(
    db: &impl ConnectionTrait,
    id: i64,
    status: JobStatus,
    error: &str,
) -> AppResult<()> {
    job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value(status))
        .col_expr(job::Column::LastError, Expr::value(error))
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(job::Column::FinishedAt, Expr::value(Some(now())))
        .filter(job::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

async fn requeue(
    db: &impl ConnectionTrait,
    id: i64,
    after: Duration,
    error: &str,
    refund_attempt: bool,
) -> AppResult<()> {
    let mut update = job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value(JobStatus::Queued))
        .col_expr(job::Column::RunAt, Expr::value(now() + after))
        .col_expr(job::Column::LastError, Expr::value(error))
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    if refund_attempt {
        update = update.col_expr(
            job::Column::Attempts,
            Expr::col(job::Column::Attempts).sub(1),
        );
    }
    update.filter(job::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Exponential backoff: 30 s, 1 min, 2 min, 4 min … capped at an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 8) - 1;
    Duration::seconds(std::cmp::min(30i64 << exp, 3600))
}

async fn perform(state: &AppState, work: Work, last_attempt: bool) -> Outcome {
    match work {
        Work::Mail(m) => mail::perform(state, m).await,
        Work::CampaignMessage { message_id } => {
            crate::ssr::services::campaigns::delivery::perform(state, message_id, last_attempt)
                .await
        }
        Work::Recurring(pass) => recurring::perform(state, pass, last_attempt).await,
    }
}

/// Records, where the work has a record of its own, that it was given up.
async fn give_up(state: &AppState, work: &Work) {
    if let Work::CampaignMessage { message_id } = work {
        if let Err(e) = crate::ssr::services::campaigns::delivery::give_up(state, *message_id).await
        {
            tracing::warn!(error = %e, message_id, "could not mark a campaign message failed");
        }
    }
}

/// Runs one due job; false when none was due.
pub async fn run_one(state: &AppState) -> AppResult<bool> {
    let Some(claimed) = claim(&state.db).await? else {
        return Ok(false);
    };
    let work: Work = match serde_json::from_str(&claimed.payload) {
        Ok(w) => w,
        Err(e) => {
            finish(
                &state.db,
                claimed.id,
                JobStatus::Failed,
                &format!("unreadable job: {e}"),
            )
            .await?;
            return Ok(true);
        }
    };
    // A worker that died during the last attempt earns the job one more
    // run (handlers are safe to repeat); one that keeps dying is given up.
    if claimed.attempts > claimed.max_attempts + 1 {
        give_up(state, &work).await;
        finish(
            &state.db,
            claimed.id,
            JobStatus::Failed,
            "its worker stopped during every attempt",
        )
        .await?;
        return Ok(true);
    }
    let last = claimed.attempts >= claimed.max_attempts;
    let outcome = keep_lease(
        &state.db,
        claimed.id,
        claimed.attempts,
        RENEW_EVERY,
        perform(state, work, last),
    )
    .await;
    match outcome {
        Outcome::Done => finish(&state.db, claimed.id, JobStatus::Done, "").await?,
        Outcome::Fail(e) => finish(&state.db, claimed.id, JobStatus::Failed, &e).await?,
        Outcome::Later(after) => requeue(&state.db, claimed.id, after, "", true).await?,
        Outcome::Retry(e) if last => finish(&state.db, claimed.id, JobStatus::Failed, &e).await?,
        Outcome::Retry(e) => {
            tracing::warn!(job = claimed.id, attempt = claimed.attempts, error = %e, "job will be retried");
            requeue(&state.db, claimed.id, backoff(claimed.attempts), &e, false).await?
        }
    }
    Ok(true)
}

/// Runs due jobs until none is left (tests, and each worker wake-up).
pub async fn drain(state: &AppState) -> AppResult<usize> {
    let mut ran = 0;
    while run_one(state).await? {
        ran += 1;
    }
    Ok(ran)
}

/// The worker: drains the queue, then looks again every `every`. Several
/// workers (here or on other instances) may run side by side.
pub fn spawn_worker(state: AppState, every: std::time::Duration) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = drain(&state).await {
                tracing::warn!(error = %e, "job queue pass failed; trying again");
            }
            tokio::time::sleep(every).await;
        }
    });
}

/// Counts of jobs by status, for tests and the health of the queue.
pub async fn count(db: &impl ConnectionTrait, status: JobStatus) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(job::Entity::find()
        .filter(job::Column::Status.eq(status))
        .count(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(3), Duration::seconds(120));
        assert_eq!(backoff(20), Duration::seconds(3600));
    }

    #[test]
    fn work_round_trips_through_json() {
        let w = Work::CampaignMessage { message_id: 7 };
        let s = serde_json::to_string(&w).unwrap();
        assert_eq!(s, r#"{"kind":"campaign_message","message_id":7}"#);
        assert_eq!(serde_json::from_str::<Work>(&s).unwrap(), w);
    }
}
