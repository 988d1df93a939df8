//! Partner logos: uploaded by whoever may edit the profile, checked by
//! content (not by file name), kept in the object store. SVG logos are
//! rebuilt by the template sanitiser before they are stored.

use super::partners::{can_edit, visible_partner};
use crate::error::{AppError, AppResult};
use crate::ssr::entities::organization;
use crate::ssr::{tokens, Actor, AppState, Scope};
use crate::tr;
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
    } else if looks_like_svg(bytes) {
        Some(("svg", "image/svg+xml"))
    } else {
        None
    }
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--"))
        && head.contains("<svg")
}

pub fn mime_of_key(key: &str) -> &'static str {
    match key.rsplit('.').next() {
        Some("png") => "image/png",
        Some("jpg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Validates an upload before anything is stored.
pub fn check(bytes: &[u8]) -> AppResult<(&'static str, &'static str)> {
    if bytes.is_empty() {
        return Err(AppError::invalid("logo", tr!(partner.logo_missing)));
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(AppError::invalid("logo", tr!(partner.logo_large)));
    }
    sniff(bytes).ok_or_else(|| AppError::invalid("logo", tr!(partner.logo_type)))
}

/// The bytes to store: raster images as uploaded, SVG rebuilt from the
/// allow-list (no scripts, handlers or external references).
fn clean(bytes: Vec<u8>, ext: &str) -> AppResult<Vec<u8>> {
    if ext != "svg" {
        return Ok(bytes);
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| AppError::invalid("logo", tr!(partner.logo_not_utf8)))?;
    crate::ssr::cobrand::compile::sanitize(&text)
        .map(|(svg, _)| svg.into_bytes())
        .map_err(|errors| {
            AppError::invalid(
                "logo",
                tr!(partner.logo_svg_bad, errors = errors.join(" ")).to_string(),
            )
        })
}

pub async fn upload(state: &AppState, actor: &Actor, org_id: i64, bytes: Vec<u8>) -> AppResult<()> {
    let scope = Scope::new(actor);
    let org = visible_partner(state, &scope, org_id).await?;
    if !can_edit(actor, &org) {
        return Err(AppError::Forbidden);
    }
    let (ext, _) = check(&bytes)?;
    let bytes = clean(bytes, ext)?;
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
        .await?;
    Ok(())
}

/// The logo bytes and MIME type, for anyone who may see the partner
/// (a distributor its resellers').
pub async fn load(
    state: &AppState,
    actor: &Actor,
    org_id: i64,
) -> AppResult<(Vec<u8>, &'static str)> {
    let scope = Scope::channel(actor);
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
        assert_eq!(sniff(b"<svg onload=alert(1)>").map(|s| s.0), Some("svg"));
        assert_eq!(sniff(b"<html><svg>"), None);
        assert!(check(b"").is_err());
        assert!(check(&vec![0u8; MAX_LOGO_BYTES + 1]).is_err());
    }

    #[test]
    fn svg_logos_are_sanitised_or_refused() {
        let hostile = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><circle r="5"/></svg>"#;
        let out = String::from_utf8(clean(hostile.to_vec(), "svg").unwrap()).unwrap();
        assert!(out.contains("<circle") && !out.contains("alert"), "{out}");
        assert!(clean(b"<svg>".to_vec(), "svg").is_err());
        let png = b"\x89PNG\r\n\x1a\n....".to_vec();
        assert_eq!(clean(png.clone(), "png").unwrap(), png);
    }
}
