//! Pictures in posts: uploaded to the object store, checked by content (not
//! by name), served only to signed-in members of the same program. A post
//! refers to them with ordinary Markdown image syntax.

use super::{ensure_not_suspended, Access};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::{
    forum_picture as picture, forum_post as post, forum_post_picture as post_picture,
    forum_topic as topic,
};
use crate::ssr::forum::markdown::{pictures_shown, ATTACHMENT_PREFIX};
use crate::ssr::scope::{in_tenant, tenant_is};
use crate::ssr::services::now;
use crate::ssr::{tokens, Actor, AppState};
use crate::tr;
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter,
};

pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// PNG, JPEG, WebP or GIF by their leading bytes: (extension, MIME type).
/// The logo sniffer knows the first three; SVG is not a picture here.
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    match crate::ssr::services::logos::sniff(bytes) {
        Some(("svg", _)) => None,
        Some(found) => Some(found),
        None if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") => {
            Some(("gif", "image/gif"))
        }
        None => None,
    }
}

fn mime_of(name: &str) -> Option<&'static str> {
    let (stem, ext) = name.rsplit_once('.')?;
    if stem.is_empty()
        || !stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    match ext {
        "png" => Some("image/png"),
        "jpg" => Some("image/jpeg"),
        "webp" => Some("image/webp"),
        "gif" => Some("image/gif"),
        _ => None,
    }
}

pub fn too_big() -> AppError {
    AppError::invalid("file", tr!(forum.picture_large))
}

/// Stores a picture and returns the Markdown that shows it.
pub async fn store(
    state: &AppState,
    actor: &Actor,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<String> {
    ensure_not_suspended(&state.db, actor).await?;
    if bytes.is_empty() {
        return Err(AppError::invalid("file", tr!(forum.choose_picture)));
    }
    if bytes.len() > MAX_BYTES {
        return Err(too_big());
    }
    let (ext, _) =
        sniff(&bytes).ok_or_else(|| AppError::invalid("file", tr!(forum.picture_type)))?;
    let (token, _) = tokens::issue();
    let name: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(32)
        .collect();
    let key = format!("forum/{}/{name}.{ext}", actor.tenant_id);
    state.storage.put(&key, bytes).await?;
    picture::ActiveModel {
        tenant_id: Set(actor.tenant_id),
        name: Set(format!("{name}.{ext}")),
        uploader_id: Set(actor.user_id),
        created_at: Set(now()),
    }
    .insert(&state.db)
    .await?;
    let alt: String = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '(' | ')' | '\n' | '\r' | '!' | '<' | '>'))
        .take(80)
        .collect();
    Ok(format!(
        "![{}]({ATTACHMENT_PREFIX}{}/{name}.{ext})",
        if alt.trim().is_empty() {
            "picture"
        } else {
            alt.trim()
        },
        actor.tenant_id
    ))
}

/// Records which of the program's pictures a post's HTML shows. Pictures
/// an edit drops stay linked: the post's history still shows them.
pub(super) async fn link(
    db: &impl ConnectionTrait,
    tenant_id: i64,
    post_id: i64,
    html: &str,
) -> AppResult<()> {
    let rows: Vec<_> = pictures_shown(html, tenant_id)
        .into_iter()
        .map(|name| post_picture::ActiveModel {
            tenant_id: Set(tenant_id),
            post_id: Set(post_id),
            name: Set(name),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    Ok(post_picture::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                post_picture::Column::TenantId,
                post_picture::Column::PostId,
                post_picture::Column::Name,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map(|_| ())?)
}

/// Whether the actor may see a picture: they uploaded it, or a post in a
/// category they can see shows it.
async fn may_see(db: &impl ConnectionTrait, actor: &Actor, name: &str) -> AppResult<bool> {
    let uploaded = in_tenant::<picture::Entity>(actor.tenant_id)
        .filter(picture::Column::Name.eq(name))
        .filter(picture::Column::UploaderId.eq(actor.user_id))
        .count(db)
        .await?;
    if uploaded > 0 {
        return Ok(true);
    }
    let showing = Query::select()
        .column(post_picture::Column::PostId)
        .from(post_picture::Entity)
        .and_where(tenant_is::<post_picture::Entity>(actor.tenant_id))
        .and_where(post_picture::Column::Name.eq(name))
        .to_owned();
    let visible_topics = Query::select()
        .column(topic::Column::Id)
        .from(topic::Entity)
        .and_where(tenant_is::<topic::Entity>(actor.tenant_id))
        .and_where(topic::Column::CategoryId.is_in(Access::load(db, actor).await?.category_ids()))
        .to_owned();
    let posts = in_tenant::<post::Entity>(actor.tenant_id)
        .filter(post::Column::Id.in_subquery(showing))
        .filter(post::Column::TopicId.in_subquery(visible_topics))
        .count(db)
        .await?;
    Ok(posts > 0)
}

/// A stored picture, for its uploader and for members who can see a post
/// that shows it (404 for anyone else, as for a picture that never was).
pub async fn load(
    state: &AppState,
    actor: &Actor,
    tenant_id: i64,
    name: &str,
) -> AppResult<(Vec<u8>, &'static str)> {
    let mime = mime_of(name).ok_or(AppError::NotFound)?;
    if tenant_id != actor.tenant_id || !may_see(&state.db, actor, name).await? {
        return Err(AppError::NotFound);
    }
    let bytes = state
        .storage
        .get(&format!("forum/{tenant_id}/{name}"))
        .await?;
    Ok((bytes, mime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_known_by_content_and_names_are_plain() {
        assert_eq!(sniff(b"GIF89a...."), Some(("gif", "image/gif")));
        assert_eq!(sniff(b"<svg onload=x>"), None);
        assert_eq!(mime_of("abc_1-2.png"), Some("image/png"));
        assert_eq!(mime_of("../etc/passwd.png"), None);
        assert_eq!(mime_of("a.svg"), None);
    }
}
