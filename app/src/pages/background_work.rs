//! The program's recurring background work, run by run (vendor admins):
//! when each pass ran, what it did, and why one failed.

use crate::api::admin::list_recurring_runs;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::tr;
use crate::types::job::{JobStatus, RecurringRunView, RecurringTask};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BackgroundWorkPage() -> impl IntoView {
    let runs = page_data(|| (), |_| list_recurring_runs());
    view! {
        <Title text=tr!(background_work.title)/>
        <h1>{tr!(background_work.title)}</h1>
        <p class="muted">{tr!(background_work.intro)}</p>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match runs.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(runs) if runs.is_empty() => view! {
                        <section class="card"><p>{tr!(background_work.none_yet)}</p></section>
                    }.into_any(),
                    Ok(runs) => view! {
                        <section class="card">
                            <ul class="people runs">
                                {runs.into_iter().map(|run| view! { <RunLine run/> }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RunLine(run: RecurringRunView) -> impl IntoView {
    let failed = !run.error.is_empty();
    let timing = match (&run.started, &run.finished) {
        (_, Some(finished)) if run.status == JobStatus::Done => {
            tr!(background_work.finished_at, when = finished).to_string()
        }
        (Some(started), _) => tr!(background_work.started_at, when = started).to_string(),
        (None, _) => tr!(background_work.queued_at, when = &run.queued).to_string(),
    };
    view! {
        <li class:failed=failed>
            <span class="person-name">{run.task.label()}</span>
            <span class="muted">{tr!(background_work.covers, period = &run.period_label).to_string()}</span>
            <span class=status_badge(run.status)>{run.status.label()}</span>
            <span class="muted">{timing}</span>
            {(run.status == JobStatus::Done).then(|| view! {
                <span>{done_line(run.task, run.items)}</span>
            })}
            {(run.attempts > 1).then(|| view! {
                <span class="muted">{tr!(background_work.attempts, count = run.attempts).to_string()}</span>
            })}
            {failed.then(|| view! {
                <span class="field-error" role="note">{tr!(background_work.last_error, error = &run.error).to_string()}</span>
            })}
        </li>
    }
}

fn status_badge(status: JobStatus) -> &'static str {
    match status {
        JobStatus::Done => "badge badge-ok",
        JobStatus::Queued | JobStatus::Running => "badge badge-wait",
        JobStatus::Failed => "badge badge-bad",
    }
}

/// What a finished pass did, in the task's own words.
fn done_line(task: RecurringTask, count: i32) -> String {
    match task {
        RecurringTask::ClaimDeadlines => {
            tr!(background_work.claim_deadlines_done, count = count).to_string()
        }
        RecurringTask::NotificationDigest => {
            tr!(background_work.notification_digest_done, count = count).to_string()
        }
        RecurringTask::DealClocks => {
            tr!(background_work.deal_clocks_done, count = count).to_string()
        }
        RecurringTask::LeadClocks => {
            tr!(background_work.lead_clocks_done, count = count).to_string()
        }
    }
}
