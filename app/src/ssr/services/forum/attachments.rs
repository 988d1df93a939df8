//! Pictures in posts: uploaded to the object store, checked by content (not
//! by name), served only to signed-in members of the same program. A post
//! refers to them with ordinary Markdown image syntax.

use super::ensure_not_suspended;
use crate::error::{AppError, AppResult};
use crate::ssr::forum::markdown::ATTACHMENT_PREFIX;
use crate::ssr::{tokens, Actor, AppState};

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
    AppError::invalid(
        "file",
        "That picture is larger than 5 MB. Send a smaller one.",
    )
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
        return Err(AppError::invalid("file", "Choose a picture to add."));
    }
    if bytes.len() > MAX_BYTES {
        return Err(too_big());
    }
    let (ext, _) = sniff(&bytes)
        .ok_or_else(|| AppError::invalid("file", "Add a PNG, JPEG, WebP or GIF picture."))?;
    let (token, _) = tokens::issue();
    let name: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(32)
        .collect();
    let key = format!("forum/{}/{name}.{ext}", actor.tenant_id);
    state.storage.put(&key, bytes).await?;
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

/// A stored picture, for a member of the program it belongs to.
pub async fn load(
    state: &AppState,
    actor: &Actor,
    tenant_id: i64,
    name: &str,
) -> AppResult<(Vec<u8>, &'static str)> {
    let mime = mime_of(name).ok_or(AppError::NotFound)?;
    if tenant_id != actor.tenant_id {
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
