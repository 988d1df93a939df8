//! Partner logos: uploaded by whoever may edit the profile, checked by
//! content (not by file name), kept in the object store.

use super::partners::{can_edit, visible_partner};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::organization;
use crate::ssr::repo::db_error;
use crate::ssr::{tokens, Actor, AppState, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// The image type by its leading bytes: (extension, MIME type).
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("png", "image/png"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("jpg", "image/jpeg"))
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(("webp", "image/webp"))
    } else {
        None
    }
}

pub fn mime_of_key(key: &str) -> &'static str {
    match key.rsplit('.').next() {
        Some("png") => "image/png",
        Some("jpg") => "image/jpeg",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}

/// Validates an upload before anything is stored.
pub fn check(bytes: &[u8]) -> AppResult<(&'static str, &'static str)> {
    if bytes.is_empty() {
        return Err(AppError::invalid("logo", "Choose an image file to upload."));
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(AppError::invalid(
            "logo",
            "The logo is larger than 1 MB. Export a smaller image.",
        ));
    }
    sniff(bytes).ok_or_else(|| AppError::invalid("logo", "Upload a PNG, JPEG or WebP image."))
}

pub async fn upload(state: &AppState, actor: &Actor, org_id: i64, bytes: Vec<u8>) -> AppResult<()> {
    let scope = Scope::new(actor);
    let org = visible_partner(state, &scope, org_id).await?;
    if !can_edit(actor, &org) {
        return Err(AppError::Forbidden);
    }
    let (ext, _) = check(&bytes)?;
    let (token, _) = tokens::issue();
    let key = format!(
        "tenants/{}/logos/{}-{}.{ext}",
        actor.tenant_id,
        org.id,
        &token[..12]
    );
    state.storage.put(&key, bytes).await?;
    set_key(state, &scope, org.id, Some(key)).await?;
    if let Some(old) = org.logo_key {
        state.storage.delete(&old).await?;
    }
    Ok(())
}

pub async fn remove(state: &AppState, actor: &Actor, org_id: i64) -> AppResult<()> {
    let scope = Scope::new(actor);
    let org = visible_partner(state, &scope, org_id).await?;
    if !can_edit(actor, &org) {
        return Err(AppError::Forbidden);
    }
    set_key(state, &scope, org.id, None).await?;
    if let Some(old) = org.logo_key {
        state.storage.delete(&old).await?;
    }
    Ok(())
}

async fn set_key(
    state: &AppState,
    scope: &Scope<'_>,
    org_id: i64,
    key: Option<String>,
) -> AppResult<()> {
    organization::Entity::update_many()
        .col_expr(organization::Column::LogoKey, Expr::value(key))
        .col_expr(organization::Column::UpdatedAt, Expr::value(super::now()))
        .filter(scope.org_condition())
        .filter(organization::Column::Id.eq(org_id))
        .exec(&state.db)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// The logo bytes and MIME type, for anyone who may see the partner.
pub async fn load(
    state: &AppState,
    actor: &Actor,
    org_id: i64,
) -> AppResult<(Vec<u8>, &'static str)> {
    let scope = Scope::new(actor);
    let org = visible_partner(state, &scope, org_id).await?;
    let key = org.logo_key.ok_or(AppError::NotFound)?;
    Ok((state.storage.get(&key).await?, mime_of_key(&key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n....").map(|s| s.0), Some("png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]).map(|s| s.0), Some("jpg"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 ").map(|s| s.0), Some("webp"));
        assert_eq!(sniff(b"<svg onload=alert(1)>"), None);
        assert!(check(b"").is_err());
        assert!(check(&vec![0u8; MAX_LOGO_BYTES + 1]).is_err());
    }
}
