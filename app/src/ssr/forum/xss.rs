//! The XSS corpus the browser suite also posts: after rendering, nothing in
//! it may keep a script element, an event handler, a script URL or an
//! element that loads other documents.

use super::markdown::render;
use std::collections::HashSet;

const CORPUS: &str = include_str!("../../../../end2end/fixtures/xss-corpus.txt");

const FORBIDDEN: &[&str] = &[
    "<script",
    "<iframe",
    "<object",
    "<embed",
    "<style",
    "<meta",
    "<base",
    "<link",
    "<svg",
    "<math",
    "<form",
    "<template",
    "<noscript",
    "<textarea",
    "<body",
    "<video",
    "<audio",
    "javascript:",
    "vbscript:",
    "data:text",
    "srcdoc",
    "background=",
    "style=",
];

/// Just the tags, with quoted attribute values blanked, so neither text nor
/// a value (an escaped alt text, say) is mistaken for an attribute.
fn without_values(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    for c in html.chars() {
        match (in_tag, quote, c) {
            (true, Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (true, Some(_), _) => {}
            (true, None, '"' | '\'') => {
                quote = Some(c);
                out.push(c);
            }
            (true, None, '>') => {
                in_tag = false;
                out.push(c);
            }
            (false, _, '<') => {
                in_tag = true;
                out.push(c);
            }
            (true, None, c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn has_event_handler(html: &str) -> bool {
    let lower = without_values(html).to_ascii_lowercase();
    let bytes = lower.as_bytes();
    lower.match_indices(" on").any(|(i, _)| {
        let rest = &bytes[i + 3..];
        let name_len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        name_len > 0 && rest.get(name_len) == Some(&b'=')
    })
}

#[test]
fn no_payload_survives() {
    let known = HashSet::new();
    for payload in CORPUS.lines().filter(|l| !l.trim().is_empty()) {
        let html = render(payload, &known).html;
        let lower = html.to_ascii_lowercase();
        for bad in FORBIDDEN {
            assert!(!lower.contains(bad), "{bad} survived {payload:?}: {html}");
        }
        assert!(
            !has_event_handler(&html),
            "handler survived {payload:?}: {html}"
        );
    }
}

#[test]
fn code_spans_keep_markup_as_text() {
    let html = render("`<script>` is fine", &HashSet::new()).html;
    assert!(html.contains("<code>&lt;script&gt;</code>"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Payloads from the corpus spliced together with Markdown syntax (links,
    /// quotes, lists, code fences, raw angle brackets) still come out clean.
    #[test]
    fn spliced_payloads_stay_harmless(
        parts in proptest::collection::vec(
            (0usize..64, proptest::sample::select(vec![
                "", " ", "\n", "\n\n", "> ", "- ", "1. ", "**", "_", "`", "```\n", "[", "](", ")",
                "<", ">", "\"", "'", "|", "![", "<a href=\"", "\">", "</a>", "&#", ";",
            ])),
            1..8,
        )
    ) {
        let lines: Vec<&str> = CORPUS.lines().filter(|l| !l.trim().is_empty()).collect();
        let text: String = parts
            .iter()
            .map(|(i, glue)| format!("{glue}{}", lines[i % lines.len()]))
            .collect();
        let html = render(&text, &HashSet::new()).html;
        // Text is escaped (a literal `<` is `&lt;`), so only what sits
        // inside real tags can act; words like "javascript:" in text cannot.
        let tags: Vec<&str> = html
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
            .collect();
        let shapes = without_values(&html).to_ascii_lowercase();
        for bad in FORBIDDEN.iter().filter(|b| !b.ends_with(':')) {
            proptest::prop_assert!(!shapes.contains(bad), "{} survived {:?}: {}", bad, text, html);
        }
        // A script scheme only acts at the start of a URL; inside a value
        // (a relative link like "[x](javascript:…)") it is inert text.
        for value in tags.iter().flat_map(|t| t.split('"').skip(1).step_by(2)) {
            let start: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .take(12)
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:text"] {
                proptest::prop_assert!(!start.starts_with(scheme), "{} link survived {:?}: {}", scheme, text, html);
            }
        }
        proptest::prop_assert!(!has_event_handler(&html), "handler survived {:?}: {}", text, html);
    }
}
