//! The queue's handler for one campaign e-mail. It is safe to run twice: a
//! message that is no longer queued is left alone, and the outbox file and
//! SMTP Message-ID are named after the message, so a retry after a crash
//! between handing over and recording replaces rather than repeats it.

use super::tracking::{personalise, Links};
use super::{find, status_of};
use crate::error::AppResult;
use crate::ssr::entities::{
    campaign_message as message, campaign_send as send, contact, organization,
};
use crate::ssr::jobs::Outcome;
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::AppState;
use crate::tr_in;
use crate::types::campaign::CampaignStatus;
use crate::types::campaign::MessageStatus;
use chrono::Duration;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The stable name of a message (outbox file, Message-ID).
pub fn name_of(message_id: i64) -> String {
    format!("campaign-{message_id}")
}

async fn mark(
    state: &AppState,
    id: i64,
    status: MessageStatus,
    error: &str,
    sent: bool,
) -> AppResult<()> {
    let mut update = message::Entity::update_many()
        .col_expr(message::Column::Status, Expr::value(status))
        .col_expr(message::Column::LastError, Expr::value(error))
        .col_expr(
            message::Column::Attempts,
            Expr::col(message::Column::Attempts).add(1),
        );
    if sent {
        update = update.col_expr(message::Column::SentAt, Expr::value(Some(now())));
    }
    update
        .filter(message::Column::Id.eq(id))
        .filter(message::Column::Status.eq(MessageStatus::Queued))
        .exec(&state.db)
        .await?;
    Ok(())
}

fn build(
    state: &AppState,
    m: &message::Model,
    s: &send::Model,
    org: &organization::Model,
    language: &str,
) -> Result<Message, String> {
    let language = crate::locale::parse(language).unwrap_or_default();
    let links = Links::new(&state.config.base_url, &state.config.link_secret, m.id);
    let link_count = serde_json::from_str::<Vec<String>>(&s.links)
        .map(|l| l.len())
        .unwrap_or(0);
    let html = personalise(&s.html, &links, &org.name, link_count, language);
    let sender = org.name.as_str();
    let text = format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        s.subject,
        tr_in!(language, campaign_mail.text_html, sender),
        tr_in!(
            language,
            campaign_mail.text_ask,
            sender,
            link = links.respond.as_str()
        ),
        tr_in!(
            language,
            campaign_mail.text_unsubscribe,
            sender,
            link = links.unsubscribe.as_str()
        ),
    );
    let to: Mailbox = m
        .email
        .parse()
        .map_err(|_| format!("not a deliverable address: {}", m.email))?;
    // Sent from the portal's address (so SPF and DKIM hold) in the
    // partner's name; replies go to the partner.
    let from = Mailbox::new(Some(org.name.clone()), state.mailer.from().email.clone());
    let mut builder = Message::builder()
        .message_id(Some(state.mailer.message_id(&name_of(m.id))))
        .from(from)
        .to(to)
        .subject(s.subject.clone())
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{}>", links.unsubscribe),
        ))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".into(),
        ));
    if let Ok(reply) = org.email.trim().parse::<lettre::Address>() {
        builder = builder.reply_to(Mailbox::new(Some(org.name.clone()), reply));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| e.to_string())
}

/// Marks a message failed when the queue gives up on it.
pub async fn give_up(state: &AppState, message_id: i64) -> AppResult<()> {
    mark(
        state,
        message_id,
        MessageStatus::Failed,
        "sending stopped every time it was tried",
        true,
    )
    .await
}

/// Sends one campaign message; see the module note for why repeats are safe.
pub async fn perform(state: &AppState, message_id: i64, last_attempt: bool) -> Outcome {
    match attempt(state, message_id, last_attempt).await {
        Ok(outcome) => outcome,
        Err(e) => Outcome::Retry(e.to_string()),
    }
}

async fn attempt(state: &AppState, message_id: i64, last_attempt: bool) -> AppResult<Outcome> {
    let Some(m) = message::Entity::find_by_id(message_id)
        .one(&state.db)
        .await?
    else {
        return Ok(Outcome::Fail("the message no longer exists".into()));
    };
    if m.status != MessageStatus::Queued {
        return Ok(Outcome::Done);
    }
    let c = find(&state.db, m.tenant_id, m.campaign_id).await?;
    match status_of(&c) {
        // Held while the vendor has paused the campaign.
        CampaignStatus::Paused => return Ok(Outcome::Later(Duration::minutes(5))),
        CampaignStatus::Ended | CampaignStatus::Draft => {
            mark(
                state,
                m.id,
                MessageStatus::Cancelled,
                "the campaign ended before this e-mail went out",
                false,
            )
            .await?;
            return Ok(Outcome::Done);
        }
        CampaignStatus::Published => {}
    }
    let k = contact::Entity::find_by_id(m.contact_id)
        .one(&state.db)
        .await?;
    if k.as_ref().is_none_or(|k| k.unsubscribed_at.is_some()) {
        mark(state, m.id, MessageStatus::Suppressed, "", false).await?;
        return Ok(Outcome::Done);
    }
    let recent = in_tenant::<message::Entity>(m.tenant_id)
        .filter(message::Column::SentAt.gt(now() - Duration::minutes(1)))
        .count(&state.db)
        .await?;
    if recent >= u64::from(state.config.campaign_rate_per_minute) {
        return Ok(Outcome::Later(Duration::seconds(10)));
    }
    let Some(s) = send::Entity::find_by_id(m.send_id).one(&state.db).await? else {
        return Ok(Outcome::Fail("the send no longer exists".into()));
    };
    let Some(org) = organization::Entity::find_by_id(m.org_id)
        .one(&state.db)
        .await?
    else {
        return Ok(Outcome::Fail("the sending company no longer exists".into()));
    };
    let email = match build(state, &m, &s, &org, &c.language) {
        Ok(e) => e,
        Err(e) => {
            mark(state, m.id, MessageStatus::Failed, &e, true).await?;
            return Ok(Outcome::Fail(e));
        }
    };
    match state.mailer.deliver(&name_of(m.id), email).await {
        Ok(()) => {
            mark(state, m.id, MessageStatus::Delivered, "", true).await?;
            Ok(Outcome::Done)
        }
        Err(e) => {
            if last_attempt {
                mark(state, m.id, MessageStatus::Failed, &e, true).await?;
            } else {
                message::Entity::update_many()
                    .col_expr(
                        message::Column::Attempts,
                        Expr::col(message::Column::Attempts).add(1),
                    )
                    .col_expr(message::Column::LastError, Expr::value(e.clone()))
                    .filter(message::Column::Id.eq(m.id))
                    .exec(&state.db)
                    .await?;
            }
            Ok(Outcome::Retry(e))
        }
    }
}
