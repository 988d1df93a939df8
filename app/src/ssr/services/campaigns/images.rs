//! Pictures in campaign e-mails. The co-branding renderer inlines images as
//! `data:` URIs (right for the editor's preview), but many mail apps drop
//! those; before sending, each one is stored once, named by its content
//! hash, and the e-mail points at its public address instead.

use crate::error::{AppError, AppResult};
use crate::ssr::AppState;
use base64::Engine;
use sha2::{Digest, Sha256};

const KINDS: &[(&str, &str)] = &[("image/png", "png"), ("image/jpeg", "jpg")];

fn key(tenant_id: i64, file: &str) -> String {
    format!("campaign-images/{tenant_id}/{file}")
}

/// The `data:` images of `html`, decoded: (start, end, extension, bytes).
fn inline_images(html: &str) -> Vec<(usize, usize, &'static str, Vec<u8>)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find("src=\"data:") {
        let start = from + at + 5;
        let end = html[start..].find('"').map_or(html.len(), |e| start + e);
        let uri = &html[start..end];
        from = end;
        let Some((head, data)) = uri
            .strip_prefix("data:")
            .and_then(|u| u.split_once(";base64,"))
        else {
            continue;
        };
        let Some((_, ext)) = KINDS.iter().find(|(mime, _)| *mime == head) else {
            continue;
        };
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(data) {
            found.push((start, end, *ext, bytes));
        }
    }
    found
}

/// Stores the e-mail's inline pictures and links them by URL.
pub async fn host(state: &AppState, tenant_id: i64, html: &str) -> AppResult<String> {
    let base = state.config.base_url.trim_end_matches('/');
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (start, end, ext, bytes) in inline_images(html) {
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let file = format!("{hash}.{ext}");
        state.storage.put(&key(tenant_id, &file), bytes).await?;
        out.push_str(&html[last..start]);
        out.push_str(&format!("{base}/m/i/{tenant_id}/{file}"));
        last = end;
    }
    out.push_str(&html[last..]);
    Ok(out)
}

/// A stored picture by its public name, with its content type.
pub async fn load(
    state: &AppState,
    tenant_id: i64,
    file: &str,
) -> AppResult<(Vec<u8>, &'static str)> {
    let (hash, ext) = file.split_once('.').ok_or(AppError::NotFound)?;
    let mime = KINDS
        .iter()
        .find(|(_, e)| *e == ext)
        .map(|(m, _)| *m)
        .ok_or(AppError::NotFound)?;
    if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    Ok((state.storage.get(&key(tenant_id, file)).await?, mime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_png_and_jpeg_data_uris_only() {
        let png = base64::engine::general_purpose::STANDARD.encode([1u8, 2, 3]);
        let html = format!(
            r#"<img src="data:image/png;base64,{png}"/><img src="https://x.example/a.png"/><img src="data:image/svg+xml;base64,PHN2Zz4="/>"#
        );
        let found = inline_images(&html);
        assert_eq!(found.len(), 1);
        let (start, end, ext, bytes) = &found[0];
        assert_eq!((*ext, bytes.as_slice()), ("png", &[1u8, 2, 3][..]));
        assert!(html[*start..*end].starts_with("data:image/png"));
    }
}
