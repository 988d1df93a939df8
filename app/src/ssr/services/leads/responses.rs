//! Campaign responses: every campaign e-mail carries a signed link with
//! which its recipient asks the partner who sent it to get in touch. The
//! answer becomes a lead from that campaign, offered first to that partner
//! (the contact is its own); if it declines or lets the offer run out, the
//! lead is routed as any other. One e-mail gives one lead, however often its
//! link is used.

use super::intake::{self, Author, Known, LeadInput};
use super::{audit, route};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{
    campaign_message as message, campaign_send as send, contact, lead, organization,
};
use crate::ssr::repo::{begin_write, is_unique_violation};
use crate::ssr::services::campaigns::tracking::{signed_message, Purpose};
use crate::ssr::services::now;
use crate::ssr::AppState;
use crate::types::lead::{LeadSource, RoutingReason};
use crate::types::territory::Country;
use crate::types::FormErrors;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Who answers, and to whom, as the response page shows it.
#[derive(Clone, Debug, Default)]
pub struct Responder {
    /// The partner that sent the e-mail.
    pub sender: String,
    pub email: String,
    pub name: String,
    pub company: String,
    /// The partner's country: the likeliest one for its own contact.
    pub country: String,
    /// The answer was already given (a lead exists).
    pub answered: bool,
}

/// What the response page asks (the address is the one the e-mail went to).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ResponseInput {
    pub company: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub country: String,
    pub city: String,
    pub postcode: String,
    pub notes: String,
}

/// The e-mail a response link names, with its send and the sender.
struct Answered {
    message: message::Model,
    send: send::Model,
    sender: organization::Model,
}

async fn answered(state: &AppState, id: i64, signature: &str) -> AppResult<Answered> {
    let message = signed_message(state, id, Purpose::Respond, signature).await?;
    let send = send::Entity::find_by_id(message.send_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let sender = organization::Entity::find_by_id(message.org_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Answered {
        message,
        send,
        sender,
    })
}

/// Who a response link is for, to fill its page.
pub async fn responder(state: &AppState, id: i64, signature: &str) -> AppResult<Responder> {
    let a = answered(state, id, signature).await?;
    let known = contact::Entity::find_by_id(a.message.contact_id)
        .one(&state.db)
        .await?;
    let (name, company) = known.map(|c| (c.name, c.company)).unwrap_or_default();
    Ok(Responder {
        sender: a.sender.name.clone(),
        email: a.message.email.clone(),
        name,
        company,
        country: Country::parse(&a.sender.country)
            .map(|c| c.code().to_owned())
            .unwrap_or_default(),
        answered: a.message.lead_id.is_some(),
    })
}

fn as_lead(email: &str, input: ResponseInput) -> LeadInput {
    LeadInput {
        company: input.company,
        contact_name: input.contact_name,
        contact_email: email.to_owned(),
        contact_phone: input.contact_phone,
        country: input.country,
        city: input.city,
        postcode: input.postcode,
        notes: input.notes,
        ..LeadInput::default()
    }
}

/// Enters the answer as a lead and offers it to the sender; the page's
/// facts afterwards. Invalid input comes back with every field kept.
pub async fn respond(
    state: &AppState,
    id: i64,
    signature: &str,
    input: ResponseInput,
) -> AppResult<Responder> {
    let a = answered(state, id, signature).await?;
    let done = Responder {
        sender: a.sender.name.clone(),
        email: a.message.email.clone(),
        answered: true,
        ..Responder::default()
    };
    if a.message.lead_id.is_some() {
        return Ok(done);
    }
    let input = as_lead(&a.message.email, input);
    let kept = intake::values(&input);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut e = FormErrors::new().with_values(&kept);
    check_required_name(&mut e, &input.contact_name);
    let Some(valid) = intake::validate(&mut e, &Known::default(), input).filter(|_| e.is_empty())
    else {
        return Err(AppError::Invalid(e));
    };
    let at = now();
    let author = Author {
        tenant_id: a.message.tenant_id,
        user_id: a.send.created_by,
    };
    let key = format!("campaign-message-{}", a.message.id);
    let source = (LeadSource::Campaign, Some(a.message.campaign_id));
    let txn = begin_write(&state.db).await?;
    let row = match intake::insert(&txn, author, &key, &valid, source, at).await {
        Ok(row) => row,
        // The same answer sent twice at once: the first one counts.
        Err(err) if is_unique_violation(&err) => return Ok(done),
        Err(err) => return Err(err.into()),
    };
    let taken = message::Entity::update_many()
        .col_expr(message::Column::LeadId, Expr::value(Some(row.id)))
        .filter(message::Column::Id.eq(a.message.id))
        .filter(message::Column::LeadId.is_null())
        .exec(&txn)
        .await?;
    if taken.rows_affected == 0 {
        return Ok(done);
    }
    audit(&txn, author, row.id, "campaign_response", "", at).await?;
    offer_to_sender(&txn, state, row, a.sender.id, at).await?;
    txn.commit().await?;
    Ok(done)
}

/// The person's name is optional on the vendor's form, not here: the
/// partner needs to know whom to call.
fn check_required_name(e: &mut FormErrors, name: &str) {
    if name.trim().is_empty() {
        e.add("contact_name", crate::tr!(links.respond_name_required));
    }
}

/// Offers the lead to the partner that sent the e-mail (the exclusions
/// routing would apply are recorded, not enforced: it is its own contact).
async fn offer_to_sender(
    txn: &sea_orm::DatabaseTransaction,
    state: &AppState,
    row: lead::Model,
    sender: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<lead::Model> {
    let program = super::program(txn, row.tenant_id).await?;
    let decision = super::routing::Decision {
        reason: RoutingReason::OwnCampaign,
        ..route::chosen(txn, &row, sender, "", at).await?
    };
    Box::pin(route::apply(txn, state, &program, row, decision, None, at)).await
}
