//! A registration's conversation between the partner and the vendor:
//! Markdown through the forum's renderer and sanitiser, `@handle` mentions
//! of the people who may read the registration (its partner's users, its
//! distributor's, the vendor admins, the partner's channel manager), each comment in the
//! audit trail. The other side and those mentioned are told.

use super::audit;
use super::notify::{self, About, Audience};
use crate::error::{AppError, AppResult};
use crate::forum::mention;
use crate::ssr::entities::{deal, deal_comment, organization, user};
use crate::ssr::forum::markdown;
use crate::ssr::permission::Permission;
use crate::ssr::repo::{begin_write, users};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::notifications::{self, Notice, Recipient};
use crate::ssr::services::now;
use crate::ssr::{Actor, AppState};
use crate::tr;
use crate::types::deal::CommentView;
use crate::types::form::check;
use crate::types::notification::{Details, NotificationKind};
use crate::types::{FormErrors, Role};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};

/// The longest comment, in characters.
const MAX_CHARS: usize = 10_000;

/// Whether the actor takes part in the registration's conversation: its
/// partner's own users, or a reviewer who sees the partner.
pub fn may_comment(actor: &Actor, d: &deal::Model) -> bool {
    actor.may_on(Permission::RegisterDeals, super::on(d))
        || actor.may_on(Permission::ReviewDeals, super::on(d))
}

/// Adds the actor's comment to registration `id`.
pub async fn add(state: &AppState, actor: &Actor, id: i64, body: &str) -> AppResult<()> {
    let at = now();
    let txn = begin_write(&state.db).await?;
    let d = super::read::readable(actor)
        .filter(deal::Column::Id.eq(id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_comment(actor, &d) {
        return Err(AppError::Forbidden);
    }
    let mut e = FormErrors::new().with_values(&[("body", body)]);
    let body = check::required(&mut e, "body", body, tr!(deals.comment), MAX_CHARS);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let body = body.replace("\r\n", "\n");
    let mentioned = readers_mentioned(&txn, actor, &d, &body).await?;
    let known: HashSet<String> = mentioned.iter().map(|u| u.handle.clone()).collect();
    let rendered = markdown::render(&body, &known);
    deal_comment::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        deal_id: Set(d.id),
        author_id: Set(actor.user_id),
        body: Set(body),
        html: Set(rendered.html),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(&txn, actor, d.id, "commented", "", at).await?;
    tell(&txn, state, actor, &d, &mentioned, &rendered.text).await?;
    txn.commit().await?;
    Ok(())
}

/// Those mentioned who may read the registration (not the writer): a
/// partner user of another company is never told of it.
async fn readers_mentioned(
    db: &impl ConnectionTrait,
    actor: &Actor,
    d: &deal::Model,
    body: &str,
) -> AppResult<Vec<user::Model>> {
    let partner = in_tenant::<organization::Entity>(d.tenant_id)
        .filter(organization::Column::Id.eq(d.partner_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let named = users::by_handles(db, actor.tenant_id, mention::find(body)).await?;
    Ok(named
        .into_iter()
        .filter(|u| u.id != actor.user_id && u.active)
        .filter(|u| match u.role {
            Role::VendorAdmin => true,
            Role::ChannelManager => partner.channel_manager_id == Some(u.id),
            Role::PartnerAdmin | Role::PartnerUser => {
                u.organization_id == d.partner_id || Some(u.organization_id) == d.distributor_id
            }
            _ => false,
        })
        .collect())
}

/// The other side hears of the comment; those mentioned are told by name.
async fn tell(
    db: &impl ConnectionTrait,
    state: &AppState,
    actor: &Actor,
    d: &deal::Model,
    mentioned: &[user::Model],
    text: &str,
) -> AppResult<()> {
    let excerpt: String = text.chars().take(280).collect();
    let other = if actor.role.is_vendor_staff() {
        Audience::Registrant
    } else {
        Audience::Reviewers
    };
    let about = About {
        kind: NotificationKind::DealComment,
        reason: &excerpt,
        date: None,
    };
    notify::tell(db, state, d, other, about).await?;
    let who = users::names(db, actor.tenant_id, vec![actor.user_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, name)| name)
        .unwrap_or_default();
    let notices = mentioned
        .iter()
        .map(|u| Notice {
            to: Recipient::from(u),
            kind: NotificationKind::ForumMention,
            subject_id: Some(d.id),
            details: Details::Forum {
                who: who.clone(),
                topic: d.customer_name.clone(),
                excerpt: excerpt.clone(),
            },
            link: format!("/deals/{}#conversation", d.id),
        })
        .collect();
    notifications::deliver(db, &state.config.base_url, d.tenant_id, notices).await?;
    Ok(())
}

/// The registration's conversation, oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    deal_id: i64,
) -> AppResult<Vec<CommentView>> {
    let rows = in_tenant::<deal_comment::Entity>(actor.tenant_id)
        .filter(deal_comment::Column::DealId.eq(deal_id))
        .order_by_asc(deal_comment::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = users::names(
        db,
        actor.tenant_id,
        rows.iter().map(|c| c.author_id).collect(),
    )
    .await?
    .into_iter()
    .collect();
    Ok(rows
        .into_iter()
        .map(|c| CommentView {
            who: names.get(&c.author_id).cloned().unwrap_or_default(),
            at: actor.time(c.created_at),
            html: c.html,
        })
        .collect())
}
