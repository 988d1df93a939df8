//! MJML email templates: the same slot markup as SVG (on `mj-text`,
//! `mj-button` and `mj-image`), rendered to responsive HTML with mrml.

use crate::cobrand::model::{Binding, Plan, Slot, SlotKind, Values};
use crate::cobrand::render::escape;
use crate::cobrand::ImageSource;
use crate::error::{AppError, AppResult};
use roxmltree::{Document, Node};
use std::collections::BTreeMap;

/// Elements that could run code or pull in raw markup are dropped.
const DROPPED: &[&str] = &[
    "mj-raw",
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "mj-include",
];

fn parse(source: &str) -> Result<Document<'_>, Vec<String>> {
    let doc = super::compile::parse_upload(source, "MJML")?;
    if doc.root_element().tag_name().name() != "mjml" {
        return Err(vec![crate::tr!(template.mjml_root).into()]);
    }
    Ok(doc)
}

fn text_of(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads the slots; the plan has no drawing parts (mrml lays emails out).
pub fn compile(source: &str) -> Result<Plan, Vec<String>> {
    let doc = parse(source)?;
    let mut slots: Vec<Slot> = Vec::new();
    let mut errors = Vec::new();
    for node in doc.descendants().filter(|n| n.has_attribute("data-slot")) {
        let name = node.attribute("data-slot").unwrap_or_default();
        let element = node.tag_name().name();
        let kind = match (element, node.attribute("data-kind")) {
            ("mj-image", _) => SlotKind::Image,
            ("mj-text", Some("multiline")) => SlotKind::Multiline,
            ("mj-text" | "mj-button", _) => SlotKind::Text,
            _ => {
                errors.push(
                    crate::tr!(template.mjml_element, name = &name, element = &element).to_string(),
                );
                continue;
            }
        };
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            errors.push(crate::tr!(template.slot_name, name = &name).to_string());
            continue;
        }
        if slots.iter().any(|s| s.name == name) {
            errors.push(crate::tr!(template.slot_twice, name = &name).to_string());
            continue;
        }
        let mut slot = Slot::new(name, kind);
        slot.label = node.attribute("data-label").unwrap_or(name).to_string();
        slot.help = node.attribute("data-help").unwrap_or("").to_string();
        slot.required = node.attribute("data-required") == Some("true");
        slot.locked = node.attribute("data-locked") == Some("true");
        slot.bind = node.attribute("data-bind").and_then(Binding::parse);
        if node.has_attribute("data-bind") && slot.bind.is_none() {
            errors.push(crate::tr!(template.unknown_bind, name = &name).to_string());
        }
        let number = |attr: &str| {
            node.attribute(attr)
                .and_then(|v| v.trim().parse::<u32>().ok())
        };
        match kind {
            SlotKind::Image => {
                slot.default = node.attribute("src").unwrap_or("").to_string();
                slot.min_width = number("data-min-width").unwrap_or(0);
                slot.min_height = number("data-min-height").unwrap_or(0);
            }
            _ => {
                slot.default = text_of(node);
                slot.max_chars = number("data-max-chars");
                slot.max_lines = number("data-max-lines").unwrap_or(1);
            }
        }
        slots.push(slot);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let plan = Plan {
        width: 600.0,
        height: 0.0,
        slots,
        parts: Vec::new(),
        variants: BTreeMap::new(),
    };
    // The template must render as it stands.
    to_html(&fill(&doc, &plan, &plan.defaults(), &BTreeMap::new()))
        .map_err(|e| vec![crate::tr!(template.mjml_render, e = &e).to_string()])?;
    Ok(plan)
}

/// The email as HTML, slot values filled in.
pub fn render(
    source: &str,
    plan: &Plan,
    values: &Values,
    images: &BTreeMap<String, ImageSource>,
) -> AppResult<String> {
    let doc = parse(source).map_err(|_| AppError::Internal)?;
    to_html(&fill(&doc, plan, &plan.effective(values), images)).map_err(|e| {
        tracing::warn!(%e, "stored mjml does not render");
        AppError::Internal
    })
}

/// The MJML with slot values in place and unsafe parts left out.
fn fill(
    doc: &Document,
    plan: &Plan,
    values: &Values,
    images: &BTreeMap<String, ImageSource>,
) -> String {
    let mut out = String::new();
    write(doc.root_element(), plan, values, images, &mut out);
    out
}

fn to_html(mjml: &str) -> Result<String, String> {
    let parsed = mrml::parse(mjml).map_err(|e| e.to_string())?;
    parsed
        .element
        .render(&mrml::prelude::render::RenderOptions::default())
        .map_err(|e| e.to_string())
}

fn write(
    node: Node,
    plan: &Plan,
    values: &Values,
    images: &BTreeMap<String, ImageSource>,
    out: &mut String,
) {
    let name = node.tag_name().name();
    if DROPPED.contains(&name) {
        return;
    }
    let slot = node.attribute("data-slot").and_then(|s| plan.slot(s));
    out.push('<');
    out.push_str(name);
    for attr in node.attributes() {
        let (key, value) = (attr.name(), attr.value());
        if key.starts_with("data-") || key.starts_with("on") || runs_script(value) {
            continue;
        }
        if key == "src" && slot.is_some_and(|s| s.kind == SlotKind::Image) {
            continue;
        }
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        escape(value, out);
        out.push('"');
    }
    if let Some(slot) = slot.filter(|s| s.kind == SlotKind::Image) {
        let href = images
            .get(&slot.name)
            .map(|i| i.href.as_str())
            .unwrap_or(&slot.default);
        out.push_str(" src=\"");
        escape(href, out);
        out.push('"');
    }
    let is_text_slot = slot.is_some_and(|s| s.kind.is_text());
    if !is_text_slot && !node.has_children() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    match slot {
        Some(slot) if slot.kind.is_text() => {
            let value = values.get(&slot.name).map(String::as_str).unwrap_or("");
            for (i, line) in value.split('\n').enumerate() {
                if i > 0 {
                    out.push_str("<br/>");
                }
                escape(line, out);
            }
        }
        _ => {
            for child in node.children() {
                if child.is_element() {
                    write(child, plan, values, images, out);
                } else if child.is_text() {
                    escape(child.text().unwrap_or(""), out);
                }
            }
        }
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Whether an attribute value is a script URL as a browser would read it,
/// after every layer of decoding it may go through: character references
/// (the parser decoded one layer; the MJML renderer may pass another
/// through), then the tabs, newlines and control characters browsers drop
/// from URLs (`java&#9;script:` is `javascript:`).
fn runs_script(value: &str) -> bool {
    let mut text = value.to_owned();
    for _ in 0..4 {
        let decoded = decode_references(&text);
        if decoded == text {
            break;
        }
        text = decoded;
    }
    let url: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:text", "data:application"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// Decodes numeric character references (`&#9;`, `&#x09;`, with or without
/// the `;`) and the named ones that spell parts of a URL scheme.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, used) = reference_at(rest).unwrap_or(('&', 1));
        out.push(decoded);
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

fn reference_at(text: &str) -> Option<(char, usize)> {
    const NAMED: [(&str, char); 4] = [
        ("&tab;", '\t'),
        ("&newline;", '\n'),
        ("&colon;", ':'),
        ("&amp;", '&'),
    ];
    let lower: String = text
        .chars()
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some((name, c)) = NAMED.iter().find(|(n, _)| lower.starts_with(n)) {
        return Some((*c, name.len()));
    }
    let body = text.strip_prefix("&#")?;
    let (radix, digits_from) = match body.as_bytes().first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let digits: String = body[digits_from..]
        .chars()
        .take_while(|c| c.is_digit(radix))
        .take(8)
        .collect();
    let code = u32::from_str_radix(&digits, radix).ok()?;
    let mut used = 2 + digits_from + digits.len();
    if text[used..].starts_with(';') {
        used += 1;
    }
    Some((char::from_u32(code).unwrap_or('\u{fffd}'), used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_found_through_every_encoding() {
        for hostile in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java&#9;script:alert(1)",
            "java&#x09;script:alert(1)",
            "java&#0000009script:alert(1)",
            "java&amp;#9;script:alert(1)",
            "java&Tab;script&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
        ] {
            assert!(runs_script(hostile), "{hostile:?}");
        }
        for fine in [
            "https://acme.example/?a=1&b=2",
            "mailto:x@acme.example",
            "/path#x",
            "tel:+4930",
        ] {
            assert!(!runs_script(fine), "{fine:?}");
        }
    }

    #[test]
    fn an_encoded_script_url_never_reaches_the_mail() {
        let mjml = r#"<mjml><mj-body><mj-section><mj-column>
<mj-button data-slot="cta" href="java&#9;script:alert(1)">Book</mj-button>
<mj-button href="java&amp;#9;script:alert(2)">Two</mj-button>
</mj-column></mj-section></mj-body></mjml>"#;
        let plan = compile(mjml).expect("compiles");
        let html = render(mjml, &plan, &plan.defaults(), &BTreeMap::new()).unwrap();
        assert!(!html.contains("script:"), "{html}");
    }

    const EMAIL: &str = r#"<mjml><mj-body><mj-section><mj-column>
<mj-image data-slot="logo" data-bind="logo" data-label="Your logo" src="https://example.com/logo.png" onclick="x()"/>
<mj-text data-slot="headline" data-label="Headline" data-max-chars="60" data-required="true">AX7 is here</mj-text>
<mj-text data-slot="body" data-kind="multiline">Line one</mj-text>
<mj-button data-slot="cta" href="javascript:alert(1)">Book now</mj-button>
<mj-raw><script>alert(2)</script></mj-raw>
</mj-column></mj-section></mj-body></mjml>"#;

    #[test]
    fn reads_slots_and_renders_values_safely() {
        let plan = compile(EMAIL).expect("compiles");
        let names: Vec<_> = plan.slots.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["logo", "headline", "body", "cta"]);
        assert_eq!(plan.slot("headline").unwrap().max_chars, Some(60));
        let mut values = plan.defaults();
        values.insert("headline".into(), "Save <b>20%</b>".into());
        values.insert("body".into(), "One\nTwo".into());
        let html = render(EMAIL, &plan, &values, &BTreeMap::new()).unwrap();
        assert!(html.contains("Save &lt;b&gt;20%&lt;/b&gt;"), "{html}");
        assert!(html.contains("One<br"));
        assert!(html.contains("https://example.com/logo.png"));
        for bad in ["alert", "javascript", "onclick", "<script"] {
            assert!(!html.contains(bad), "{bad}");
        }
    }

    #[test]
    fn refuses_broken_mjml() {
        assert!(compile("<html/>").is_err());
        assert!(compile("<mjml><mj-body>").is_err());
        let twice = r#"<mjml><mj-body><mj-section><mj-column><mj-text data-slot="a">x</mj-text><mj-text data-slot="a">y</mj-text></mj-column></mj-section></mj-body></mjml>"#;
        assert!(compile(twice).unwrap_err()[0].contains("twice"));
    }
}
