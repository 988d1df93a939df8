//! The demo program in use. Once the program exists, its members act
//! through the same services a person's clicks reach, each step on the day
//! it happened ([`as_of`]), counted back from today so the demo never looks
//! stale: budgets and fund requests in every state with proof files,
//! designs waiting, approved and sent back with their exports, campaigns
//! finished, running and about to start with sends, opens and clicks, and a
//! flagged post for the moderators, deal registrations in every state
//! with a clash waiting for the channel manager, and leads routed, offered,
//! accepted, passed on, converted and queued.

mod campaigns;
mod community;
mod deals;
mod designs;
mod funds;
mod leads;

use super::actor;
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{cobrand_template as template, organization, tenant};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::as_of;
use crate::ssr::{Actor, AppState};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::future::Future;

/// Plays the demo program's history, as of the wall clock's today.
pub async fn seed(state: &AppState) -> AppResult<()> {
    let t = tenant::Entity::find()
        .filter(tenant::Column::Slug.eq("acme"))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let demo = Demo {
        state,
        tenant: &t,
        started: Utc::now(),
        today: Utc::now().date_naive(),
    };
    funds::seed(&demo).await?;
    designs::seed(&demo).await?;
    campaigns::seed(&demo).await?;
    community::seed(&demo).await?;
    // Each on the heap: together their futures outgrow a worker's stack.
    Box::pin(deals::seed(&demo)).await?;
    Box::pin(leads::seed(&demo)).await?;
    Ok(())
}

/// The program being played and the day it is played up to.
struct Demo<'a> {
    state: &'a AppState,
    tenant: &'a tenant::Model,
    started: DateTime<Utc>,
    today: NaiveDate,
}

impl Demo<'_> {
    /// The member with this e-mail, as the services see them.
    async fn member(&self, email: &str) -> AppResult<Actor> {
        Ok(actor(&self.state.db, self.tenant.id, email).await?)
    }

    async fn org_id(&self, name: &str) -> AppResult<i64> {
        in_tenant::<organization::Entity>(self.tenant.id)
            .filter(organization::Column::Name.eq(name))
            .one(&self.state.db)
            .await?
            .map(|o| o.id)
            .ok_or(AppError::NotFound)
    }

    /// A published template of the program, by its name.
    async fn template_id(&self, name: &str) -> AppResult<i64> {
        in_tenant::<template::Entity>(self.tenant.id)
            .filter(template::Column::Name.eq(name))
            .one(&self.state.db)
            .await?
            .map(|t| t.id)
            .ok_or(AppError::NotFound)
    }

    /// `days` from today (negative: in the past).
    fn day(&self, days: i64) -> NaiveDate {
        self.today + Duration::days(days)
    }

    /// An office hour `days` from today, in UTC; today's later hours are
    /// the moment seeding began, as nothing may happen in the future.
    fn moment(&self, days: i64, hour: u32) -> DateTime<Utc> {
        let time = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or_default();
        self.day(days).and_time(time).and_utc().min(self.started)
    }

    /// Runs a step at an office hour `days` from today.
    async fn on<F: Future>(&self, days: i64, hour: u32, step: F) -> F::Output {
        as_of(self.moment(days, hour), step).await
    }
}

/// `YYYY-MM-DD`, as the forms take dates.
fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
