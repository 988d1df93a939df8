//! Recurring work (reminders, expiries, daily recomputations) as jobs on
//! the durable queue: one row per task, tenant and period, so a pass is
//! claimed once however many instances schedule it, and vendor admins can
//! see when each ran and what came of it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("recurring_runs")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                // The task's code, e.g. "claim_deadlines".
                .col(string_len("task", 40))
                // The period it covers: a day ("2026-12-06") or an hour
                // ("2026-12-06T14") in the task's own calendar.
                .col(string_len("period", 20))
                // "queued", "running", "done" or "failed".
                .col(string_len("status", 16))
                .col(timestamp_with_time_zone("queued_at"))
                .col(timestamp_with_time_zone_null("started_at"))
                .col(timestamp_with_time_zone_null("finished_at"))
                .col(integer("attempts").default(0))
                // What the pass acted on (reminders sent, requests expired).
                .col(integer("items").default(0))
                .col(text("error").default(""))
                .to_owned(),
        )
        .await?;
        // The claim: a second instance scheduling the same pass inserts
        // nothing.
        m.create_index(
            Index::create()
                .name("ux_recurring_runs_period")
                .table("recurring_runs")
                .col("tenant_id")
                .col("task")
                .col("period")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_recurring_runs_recent")
                .table("recurring_runs")
                .col("tenant_id")
                .col("queued_at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("recurring_runs").to_owned())
            .await
    }
}
