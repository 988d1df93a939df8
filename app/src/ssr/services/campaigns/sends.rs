//! A partner sends the campaign e-mail to its contacts, now or at a chosen
//! time: the e-mail is rendered once, one message row per contact is stored
//! and one queue job per message is added, all in one transaction.

use super::{joined, status_of, tracking, visible};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{campaign, campaign_message as message, campaign_send as send, contact};
use crate::ssr::jobs::{self, Job, Work};
use crate::ssr::permission::Permission;
use crate::ssr::repo::begin_write;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::cobrand::exports::email_for_send;
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::campaign::CampaignStatus;
use crate::types::campaign::{MessageStatus, SendStatus};
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashSet;

pub struct SendInput {
    pub subject: String,
    /// Empty for now, else `YYYY-MM-DDTHH:MM` in the user's time zone.
    pub when: String,
}

#[derive(Debug)]
pub struct Sent {
    pub send_id: i64,
    pub recipients: usize,
    /// Contacts left out because this campaign already went to them.
    pub already: usize,
}

fn when(raw: &str, at: DateTime<Utc>, tz: chrono_tz::Tz) -> AppResult<DateTime<Utc>> {
    let raw = raw.trim();
    if raw.is_empty() || raw == "now" {
        return Ok(at);
    }
    let parsed = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .map_err(|_| AppError::invalid("when", tr!(campaigns.enter_when)))?;
    let parsed = crate::ssr::local_time::from_local(parsed, tz)
        .map_err(|message| AppError::invalid("when", message))?;
    if parsed < at - chrono::Duration::minutes(1) {
        return Err(AppError::invalid("when", tr!(campaigns.time_passed)));
    }
    Ok(parsed)
}

/// Queues the campaign e-mail to every mailable contact of the actor's
/// company that has not had it yet.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    campaign_id: i64,
    input: SendInput,
) -> AppResult<Sent> {
    actor.require(Permission::RunCampaigns)?;
    let c = visible(state, actor, campaign_id).await?;
    if status_of(&c) != CampaignStatus::Published {
        return Err(AppError::Conflict(
            tr!(campaigns.not_sendable, status = status_of(&c).label()).to_string(),
        ));
    }
    let p = joined(&state.db, actor, c.id)
        .await?
        .ok_or_else(|| AppError::Conflict(tr!(campaigns.opt_in_first).into()))?;
    let design_id = p
        .email_design_id
        .ok_or_else(|| AppError::Conflict(tr!(campaigns.no_email_to_send).into()))?;
    let at = now();
    let subject = subject_of(&c, &input.subject)?;
    let run_at = send_time(&c, &input.when, at, actor.time_zone)?;
    let (html, _org) = email_for_send(state, actor, design_id).await?;
    let html = super::images::host(state, actor.tenant_id, &html).await?;
    let (html, links) = tracking::extract_links(&html);

    let txn = begin_write(&state.db).await?;
    let (to, total) = recipients(&txn, actor, c.id).await?;
    let s = sea_orm::ActiveModelTrait::insert(
        send::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            campaign_id: Set(c.id),
            org_id: Set(actor.organization_id),
            subject: Set(subject),
            html: Set(html),
            links: Set(serde_json::to_string(&links).map_err(|_| AppError::Internal)?),
            scheduled_at: Set(run_at),
            status: Set(SendStatus::Scheduled),
            recipients: Set(to.len() as i32),
            created_by: Set(actor.user_id),
            created_at: Set(at),
            ..Default::default()
        },
        &txn,
    )
    .await?;
    queue_messages(&txn, actor, &s, &to).await?;
    txn.commit().await?;
    Ok(Sent {
        send_id: s.id,
        recipients: to.len(),
        already: total - to.len(),
    })
}

/// The subject typed, or the campaign's: one line under 150 characters.
fn subject_of(c: &campaign::Model, typed: &str) -> AppResult<String> {
    let typed = typed.trim();
    let subject = if typed.is_empty() {
        c.email_subject.trim()
    } else {
        typed
    };
    if subject.is_empty() {
        return Err(AppError::invalid("subject", tr!(campaigns.enter_subject)));
    }
    if subject.chars().count() > 150 || subject.contains(['\r', '\n']) {
        return Err(AppError::invalid("subject", tr!(campaigns.subject_long)));
    }
    Ok(subject.to_owned())
}

/// When the send goes out: the time typed (in the sender's zone) or now,
/// and never after the campaign's last day.
fn send_time(
    c: &campaign::Model,
    when_raw: &str,
    now: DateTime<Utc>,
    zone: chrono_tz::Tz,
) -> AppResult<DateTime<Utc>> {
    let run_at = when(when_raw, now, zone)?;
    let last = c.ends_on.and_hms_opt(23, 59, 59).map(|d| d.and_utc());
    if last.is_some_and(|last| run_at > last) {
        return Err(AppError::invalid(
            "when",
            tr!(campaigns.ends_on, date = crate::locale::date(c.ends_on)).to_string(),
        ));
    }
    Ok(run_at)
}

/// The company's mailable contacts that have not had this campaign's
/// e-mail, and how many mailable contacts it has in all. Refuses when
/// nobody is left to send to.
async fn recipients(
    txn: &DatabaseTransaction,
    actor: &Actor,
    campaign_id: i64,
) -> AppResult<(Vec<contact::Model>, usize)> {
    let reached: HashSet<i64> = in_tenant::<message::Entity>(actor.tenant_id)
        .select_only()
        .column(message::Column::ContactId)
        .filter(message::Column::CampaignId.eq(campaign_id))
        .filter(message::Column::OrgId.eq(actor.organization_id))
        .filter(message::Column::Status.ne(MessageStatus::Cancelled))
        .into_tuple::<i64>()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    let contacts = in_tenant::<contact::Entity>(actor.tenant_id)
        .filter(contact::Column::OrgId.eq(actor.organization_id))
        .filter(contact::Column::UnsubscribedAt.is_null())
        .all(txn)
        .await?;
    let total = contacts.len();
    let to: Vec<contact::Model> = contacts
        .into_iter()
        .filter(|k| !reached.contains(&k.id))
        .collect();
    if to.is_empty() {
        return Err(AppError::Conflict(if total == 0 {
            tr!(campaigns.no_contacts).into()
        } else {
            tr!(campaigns.all_had_it).into()
        }));
    }
    Ok((to, total))
}

/// One message row per recipient (in chunks the databases accept) and one
/// job per message, due at the send's time.
async fn queue_messages(
    txn: &DatabaseTransaction,
    actor: &Actor,
    s: &send::Model,
    to: &[contact::Model],
) -> AppResult<()> {
    for chunk in to.chunks(500) {
        let rows = chunk.iter().map(|k| message::ActiveModel {
            tenant_id: Set(actor.tenant_id),
            send_id: Set(s.id),
            campaign_id: Set(s.campaign_id),
            org_id: Set(actor.organization_id),
            contact_id: Set(k.id),
            email: Set(k.email.clone()),
            status: Set(MessageStatus::Queued),
            attempts: Set(0),
            open_count: Set(0),
            click_count: Set(0),
            last_error: Set(String::new()),
            ..Default::default()
        });
        message::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
    }
    let ids: Vec<i64> = message::Entity::find()
        .select_only()
        .column(message::Column::Id)
        .filter(message::Column::SendId.eq(s.id))
        .into_tuple::<i64>()
        .all(txn)
        .await?;
    let work = ids
        .into_iter()
        .map(|message_id| Job {
            tenant_id: Some(actor.tenant_id),
            work: Work::CampaignMessage { message_id },
            run_at: s.scheduled_at,
        })
        .collect();
    jobs::enqueue(txn, work).await?;
    Ok(())
}

/// Stops the messages of a send that have not gone out yet.
pub async fn cancel(state: &AppState, actor: &Actor, send_id: i64) -> AppResult<u64> {
    actor.require(Permission::RunCampaigns)?;
    let s = in_tenant::<send::Entity>(actor.tenant_id)
        .filter(send::Column::Id.eq(send_id))
        .filter(send::Column::OrgId.eq(actor.organization_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = begin_write(&state.db).await?;
    let stopped = message::Entity::update_many()
        .col_expr(
            message::Column::Status,
            Expr::value(MessageStatus::Cancelled),
        )
        .filter(message::Column::SendId.eq(s.id))
        .filter(message::Column::Status.eq(MessageStatus::Queued))
        .exec(&txn)
        .await?
        .rows_affected;
    if stopped == 0 {
        return Err(AppError::Conflict(tr!(campaigns.all_gone).into()));
    }
    send::Entity::update_many()
        .col_expr(send::Column::Status, Expr::value(SendStatus::Cancelled))
        .filter(send::Column::Id.eq(s.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(stopped)
}
