//! What an uploaded document may be (claim proof, a deal registration's
//! files): PDF, JPEG, PNG or HEIC, told by its content, never by its name
//! or the type the browser claims, and nothing a browser could run.

/// The largest document, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The document type by its leading bytes: (extension, MIME type). Only
/// the documented types (PDF, JPEG, PNG, HEIC, which phones shoot): no SVG or
/// anything else a browser could run, and no file that also carries markup
/// (a PDF/HTML polyglot), whatever it starts with.
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let kind = if bytes.starts_with(b"%PDF-") {
        ("pdf", "application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ("png", "image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("jpg", "image/jpeg")
    } else if bytes.len() > 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"mif1" | b"heim" | b"heis"
        )
    {
        ("heic", "image/heic")
    } else {
        return None;
    };
    (!carries_markup(bytes)).then_some(kind)
}

/// Whether the bytes hold the start of an HTML or SVG document or a script
/// URL anywhere (case-insensitive). The markers are long enough that
/// compressed image or PDF data matches one by chance about once in
/// thousands of 10 MB files.
fn carries_markup(bytes: &[u8]) -> bool {
    const MARKERS: [&[u8]; 8] = [
        b"<script",
        b"<html",
        b"<!doctype",
        b"<iframe",
        b"<body",
        b"<svg ",
        b"<svg>",
        b"javascript:",
    ];
    bytes.iter().enumerate().any(|(i, &b)| {
        (b == b'<' || b == b'j' || b == b'J')
            && MARKERS.iter().any(|m| {
                bytes[i..].len() >= m.len() && bytes[i..i + m.len()].eq_ignore_ascii_case(m)
            })
    })
}

/// The name a document is shown under: the uploaded name without control
/// characters or path separators, at most 120 characters; `fallback.ext`
/// when nothing is left.
pub fn display_name(uploaded: &str, fallback: &str, ext: &str) -> String {
    let name: String = uploaded
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .take(120)
        .collect();
    if name.trim().is_empty() {
        format!("{fallback}.{ext}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n...").map(|s| s.0), Some("pdf"));
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0\0\0").map(|s| s.0),
            Some("heic")
        );
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE1]).map(|s| s.0), Some("jpg"));
        assert_eq!(sniff(b"MZ\x90\0 executable"), None);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0").map(|s| s.0), Some("png"));
    }

    #[test]
    fn refuses_what_a_browser_could_run() {
        let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        assert_eq!(sniff(svg), None);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><svg onload=\"x\"/>"), None);
        assert_eq!(sniff(b"<!DOCTYPE html><p>hi"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), None);
        let polyglot = b"%PDF-1.4\n%<HTML><body><ScRiPt>fetch('/api/pay_claim')</script>\n%%EOF";
        assert_eq!(sniff(polyglot), None);
        let jpeg_with_html = [&[0xFF, 0xD8, 0xFF, 0xE0][..], b"<iframe src=x>"].concat();
        assert_eq!(sniff(&jpeg_with_html), None);
    }

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(
            display_name("../../etc/pass\nwd", "file", "pdf"),
            "....etcpasswd"
        );
        assert_eq!(display_name(" \u{7}", "quote", "pdf"), "quote.pdf");
    }
}
