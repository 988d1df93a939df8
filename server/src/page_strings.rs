//! `/i18n/<code>.<version>.json`: one language's catalogue for the browser
//! (`app::locale::load_page_strings`). The wasm carries no strings, so a
//! page load fetches only its own language, and the versioned name lets the
//! browser keep the file until the catalogue changes. It is compressed once,
//! with brotli at its highest level, instead of on every answer.

use app::locale::{self, Locale};
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::sync::LazyLock;

pub async fn page_strings(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some((locale, version)) = requested(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let strings = locale::page_strings(locale);
    // A page from before the catalogue changed still gets the current
    // strings, but not for keeps.
    let cache = if version == strings.version {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut res = match brotli_of(locale).filter(|_| accepts_brotli(&headers)) {
        Some(compressed) => {
            let mut res = compressed.to_vec().into_response();
            res.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            res
        }
        None => strings.json.clone().into_response(),
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

/// `de.0123456789abcdef.json` → (German, "0123456789abcdef").
fn requested(file: &str) -> Option<(Locale, &str)> {
    let (code, rest) = file.split_once('.')?;
    let version = rest.strip_suffix(".json")?;
    Some((locale::parse(code)?, version))
}

fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            parts.next().map(str::trim) == Some("br")
                && parts.all(|p| p.trim() != "q=0" && p.trim() != "q=0.0")
        })
}

/// The strings compressed once; none if compressing failed (the answer is
/// then sent as it is, for the compression layer to shrink).
fn brotli_of(locale: Locale) -> Option<&'static [u8]> {
    static ALL: LazyLock<Vec<(Locale, Option<Vec<u8>>)>> = LazyLock::new(|| {
        locale::all()
            .iter()
            .map(|&l| (l, compress(locale::page_strings(l).json.as_bytes())))
            .collect()
    });
    ALL.iter()
        .find(|(l, _)| *l == locale)
        .and_then(|(_, b)| b.as_deref())
}

fn compress(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(bytes).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_code_and_version_from_the_name() {
        assert_eq!(requested("de.00ff.json"), Some((Locale::de, "00ff")));
        assert_eq!(requested("en..json"), Some((Locale::en, "")));
        assert_eq!(requested("fr.00ff.json"), None);
        assert_eq!(requested("de.00ff"), None);
        assert_eq!(requested("..%2fetc"), None);
    }

    #[test]
    fn brotli_only_when_accepted() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            accepts_brotli(&h)
        };
        assert!(with("gzip, deflate, br, zstd"));
        assert!(with("br;q=0.5"));
        assert!(!with("gzip, zstd"));
        assert!(!with("br;q=0"));
        assert!(!accepts_brotli(&HeaderMap::new()));
    }
}
