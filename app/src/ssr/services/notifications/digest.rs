//! The daily digest: one mail per user with what they chose to hear of
//! once a day, in their language. A recurring pass per program; a user's
//! rows are marked digested in the transaction that queues their mail, so
//! a pass run twice sends nothing twice.

use super::mail::{self, DigestLine};
use crate::error::AppResult;
use crate::ssr::entities::{notification, tenant, user};
use crate::ssr::jobs::{self, mail::MailJob, Job, Work};
use crate::ssr::repo::begin_write;
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::AppState;
use crate::types::notification::{Delivery, Details};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, HashMap};

/// Rows one pass takes on; a program with more waiting finishes them in
/// the next day's pass (they stay marked undigested until then).
const PASS_ROWS: u64 = 20_000;

/// Sends the program's digests; the number of mails queued.
pub async fn run_for_tenant(state: &AppState, t: &tenant::Model) -> AppResult<usize> {
    let waiting = in_tenant::<notification::Entity>(t.id)
        .filter(notification::Column::Delivery.eq(Delivery::Digest))
        .filter(notification::Column::DigestedAt.is_null())
        .order_by_asc(notification::Column::UserId)
        .order_by_asc(notification::Column::Id)
        .limit(PASS_ROWS)
        .all(&state.db)
        .await?;
    let mut by_user: BTreeMap<i64, Vec<notification::Model>> = BTreeMap::new();
    for n in waiting {
        by_user.entry(n.user_id).or_default().push(n);
    }
    // Their recipients in one query (at most PASS_ROWS ids, in chunks).
    let ids: Vec<i64> = by_user.keys().copied().collect();
    let mut people: HashMap<i64, user::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        let found = in_tenant::<user::Entity>(t.id)
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .all(&state.db)
            .await?;
        people.extend(found.into_iter().map(|u| (u.id, u)));
    }
    let mut sent = 0;
    for (user_id, rows) in by_user {
        if send_one(state, t, people.remove(&user_id), rows).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// One user's digest: the unread rows in a mail (none when they read them
/// all in the portal already), every row marked digested.
async fn send_one(
    state: &AppState,
    t: &tenant::Model,
    person: Option<user::Model>,
    rows: Vec<notification::Model>,
) -> AppResult<bool> {
    let ids: Vec<i64> = rows.iter().map(|n| n.id).collect();
    let txn = begin_write(&state.db).await?;
    let marked = notification::Entity::update_many()
        .col_expr(notification::Column::DigestedAt, Expr::value(Some(now())))
        .filter(tenant_is::<notification::Entity>(t.id))
        .filter(notification::Column::Id.is_in(ids.clone()))
        .filter(notification::Column::DigestedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if marked != ids.len() as u64 {
        // Another pass took them meanwhile.
        return Ok(false);
    }
    let Some(person) = person.filter(|p| p.active) else {
        txn.commit().await?;
        return Ok(false);
    };
    let lang = person.language().unwrap_or_default();
    let lines: Vec<DigestLine> = rows
        .iter()
        .filter(|n| n.read_at.is_none())
        .map(|n| DigestLine {
            sentence: Details::parse(&n.details).sentence(n.kind, lang),
            link: format!("/notifications/{}/open", n.id),
        })
        .collect();
    if lines.is_empty() {
        txn.commit().await?;
        return Ok(false);
    }
    let (subject, body) = mail::digest(&person.name, &t.name, lang, &state.config.base_url, &lines);
    jobs::enqueue(
        &txn,
        vec![Job::now(
            Some(t.id),
            Work::Mail(MailJob::new(&person.email, &subject, body)),
        )],
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
