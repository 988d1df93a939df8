//! Files on a registration (a quote, the customer's request for a
//! proposal): PDF or pictures, checked by their content, kept in the object
//! store. Both sides of its conversation may add them while it is open
//! (up to [`MAX_FILES`]); whoever added one, or a reviewer, may remove it.
//! Each change is in the audit trail.

use super::audit;
use super::comments::may_comment;
use super::read::readable;
use crate::error::{AppError, AppResult};
use crate::ssr::documents;
use crate::ssr::entities::{deal, deal_file};
use crate::ssr::permission::Permission;
use crate::ssr::repo::{db_error, users};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::now;
use crate::ssr::{tokens, Actor, AppState};
use crate::tr;
use crate::types::deal::{DealFileView, DealStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// Files one registration may carry.
pub const MAX_FILES: u64 = 10;

/// Files can be added while the registration is still being worked on.
pub fn open(status: DealStatus) -> bool {
    matches!(
        status,
        DealStatus::Draft | DealStatus::Submitted | DealStatus::Returned | DealStatus::Approved
    )
}

/// Whether the actor may add files to `d` now.
pub fn may_attach(actor: &Actor, d: &deal::Model) -> bool {
    open(d.status) && may_comment(actor, d)
}

/// The registration `id` as the actor may attach to it.
async fn attachable(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> AppResult<deal::Model> {
    let d = readable(actor)
        .filter(deal::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_comment(actor, &d) {
        return Err(AppError::Forbidden);
    }
    if !open(d.status) {
        return Err(AppError::Conflict(tr!(deals.files_closed).into()));
    }
    Ok(d)
}

/// The document's type, or why it is refused (on the form's `file`).
pub fn check(bytes: &[u8]) -> AppResult<(&'static str, &'static str)> {
    if bytes.is_empty() {
        return Err(AppError::invalid("file", tr!(funds.file_empty)));
    }
    if bytes.len() > documents::MAX_BYTES {
        return Err(AppError::invalid("file", tr!(funds.file_large)));
    }
    documents::sniff(bytes).ok_or_else(|| AppError::invalid("file", tr!(deals.file_type)))
}

/// Stores one file on registration `id`; checked before anything is
/// written.
pub async fn add(
    state: &AppState,
    actor: &Actor,
    id: i64,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<()> {
    let d = attachable(&state.db, actor, id).await?;
    let (ext, mime) = check(&bytes)?;
    let count = in_tenant::<deal_file::Entity>(actor.tenant_id)
        .filter(deal_file::Column::DealId.eq(d.id))
        .count(&state.db)
        .await?;
    if count >= MAX_FILES {
        let message = tr!(deals.max_files, max = MAX_FILES).to_string();
        return Err(AppError::invalid("file", message));
    }
    let name = documents::display_name(file_name, "file", ext);
    let (token, _) = tokens::issue();
    let key = format!(
        "tenants/{}/deals/{}/{}.{ext}",
        actor.tenant_id,
        d.id,
        &token[..16]
    );
    let size = bytes.len() as i64;
    state.storage.put(&key, bytes).await?;
    let at = now();
    let row = deal_file::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        deal_id: Set(d.id),
        name: Set(name.clone()),
        content_type: Set(mime.into()),
        size: Set(size),
        storage_key: Set(key.clone()),
        created_by: Set(actor.user_id),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    if let Err(err) = row {
        // Keep the store and the table in step.
        let _ = state.storage.delete(&key).await;
        return Err(db_error(err));
    }
    audit(&state.db, actor, d.id, "file_added", &name, at).await
}

/// Removes file `file_id` of registration `id`: its uploader, or a
/// reviewer of the registration.
pub async fn remove(state: &AppState, actor: &Actor, id: i64, file_id: i64) -> AppResult<()> {
    let d = attachable(&state.db, actor, id).await?;
    let file = in_tenant::<deal_file::Entity>(actor.tenant_id)
        .filter(deal_file::Column::Id.eq(file_id))
        .filter(deal_file::Column::DealId.eq(d.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_remove(actor, &d, &file) {
        return Err(AppError::Forbidden);
    }
    deal_file::Entity::delete_by_id(file.id)
        .exec(&state.db)
        .await?;
    state.storage.delete(&file.storage_key).await?;
    audit(&state.db, actor, d.id, "file_removed", &file.name, now()).await
}

fn may_remove(actor: &Actor, d: &deal::Model, file: &deal_file::Model) -> bool {
    file.created_by == actor.user_id || actor.may_on(Permission::ReviewDeals, super::on(d))
}

/// A file for anyone who may read its registration: (bytes, MIME type,
/// name).
pub async fn load(
    state: &AppState,
    actor: &Actor,
    file_id: i64,
) -> AppResult<(Vec<u8>, String, String)> {
    let file = in_tenant::<deal_file::Entity>(actor.tenant_id)
        .filter(deal_file::Column::Id.eq(file_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    readable(actor)
        .filter(deal::Column::Id.eq(file.deal_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        state.storage.get(&file.storage_key).await?,
        file.content_type,
        file.name,
    ))
}

/// The files of `d` as its page lists them, oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    d: &deal::Model,
) -> AppResult<Vec<DealFileView>> {
    let files = in_tenant::<deal_file::Entity>(actor.tenant_id)
        .filter(deal_file::Column::DealId.eq(d.id))
        .order_by_asc(deal_file::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = users::names(
        db,
        actor.tenant_id,
        files.iter().map(|f| f.created_by).collect(),
    )
    .await?
    .into_iter()
    .collect();
    let open = open(d.status);
    Ok(files
        .into_iter()
        .map(|f| DealFileView {
            id: f.id,
            removable: open && may_remove(actor, d, &f),
            who: names.get(&f.created_by).cloned().unwrap_or_default(),
            at: actor.time(f.created_at),
            name: f.name,
            size_bytes: f.size,
        })
        .collect())
}
