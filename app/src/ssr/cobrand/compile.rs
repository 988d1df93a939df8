//! Uploaded SVG → [`Plan`]: parse, rebuild from an allow-list (no scripts,
//! event handlers, styles or external references survive), and read the
//! `data-*` slot markup (see docs/templates.md). The output is written by us
//! element by element, never copied from the upload.

use crate::cobrand::model::{Binding, FontWeight, Part, Plan, Slot, SlotKind, TextBox};
use crate::cobrand::render::{escape, is_hex_color, FONT_FAMILY};
use roxmltree::{Document, Node, ParsingOptions};
use std::collections::BTreeSet;

pub const MAX_SOURCE_BYTES: usize = 1024 * 1024;
/// The largest side, in user units and in the stated width/height.
pub const MAX_SIDE: f32 = 10_000.0;
const MAX_NODES: u32 = 50_000;
const MAX_SLOTS: usize = 60;
const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "path",
    "text",
    "tspan",
    "image",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "use",
    "symbol",
];

const ATTRIBUTES: &[&str] = &[
    "id",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "width",
    "height",
    "d",
    "points",
    "transform",
    "viewBox",
    "preserveAspectRatio",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "clip-path",
    "clip-rule",
    "mask",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "offset",
    "stop-color",
    "stop-opacity",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "dx",
    "dy",
    "visibility",
    "display",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "clipPathUnits",
    "maskUnits",
    "maskContentUnits",
];

/// A compiled template and what the sanitiser removed (shown to the vendor).
#[derive(Debug)]
pub struct Compiled {
    pub plan: Plan,
    pub removed: Vec<String>,
}

/// Compiles an uploaded template. Errors are sentences for the vendor.
/// Parses an uploaded XML document (`what`: "SVG", "MJML") within bounds:
/// size, node count, and no DTD (so no entity expansion).
pub fn parse_upload<'a>(source: &'a str, what: &str) -> Result<Document<'a>, Vec<String>> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(vec![
            crate::tr!(template.too_large, what = &what).to_string()
        ]);
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    Document::parse_with_options(source, options)
        .map_err(|e| vec![crate::tr!(template.invalid, what = &what, e = &e).to_string()])
}

pub fn compile(source: &str) -> Result<Compiled, Vec<String>> {
    let doc = parse_upload(source, "SVG")?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return Err(vec![crate::tr!(template.svg_root).into()]);
    }
    let mut c = Compiler {
        prefix: id_prefix(source),
        ..Compiler::default()
    };
    let (width, height) = c.root_size(root);
    c.element(root, true);
    c.flush();
    if c.slots.len() > MAX_SLOTS {
        c.errors
            .push(crate::tr!(template.max_slots, max = MAX_SLOTS).to_string());
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(Compiled {
        plan: Plan {
            width,
            height,
            slots: c.slots,
            parts: c.parts,
            variants: Default::default(),
        },
        removed: c.removed.into_iter().collect(),
    })
}

/// Sanitises an SVG that has no slots (a logo): the clean markup.
pub fn sanitize(source: &str) -> Result<(String, Vec<String>), Vec<String>> {
    let compiled = compile(source)?;
    let svg = crate::cobrand::render(
        &compiled.plan,
        &compiled.plan.defaults(),
        &Default::default(),
        Default::default(),
    );
    Ok((svg, compiled.removed))
}

/// Element ids get a prefix from the source's hash, so several templates
/// inlined in one page never resolve each other's gradients or clips.
fn id_prefix(source: &str) -> String {
    let hash = source.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    });
    format!("t{:06x}-", hash & 0xff_ffff)
}

#[derive(Default)]
struct Compiler {
    prefix: String,
    parts: Vec<Part>,
    current: String,
    slots: Vec<Slot>,
    palette: Vec<String>,
    errors: Vec<String>,
    removed: BTreeSet<String>,
}

/// A length like `595`, `210mm` or `8.5in`: the number and whether it is
/// within bounds.
fn length(raw: &str) -> Option<f32> {
    let raw = raw.trim();
    let digits = raw.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
    let unit = &raw[digits.len()..];
    if !matches!(unit, "" | "px" | "pt" | "mm" | "cm" | "in") {
        return None;
    }
    digits
        .trim()
        .parse::<f32>()
        .ok()
        .filter(|v| v.is_finite() && *v > 0.0)
}

fn colors(raw: &str) -> Vec<String> {
    raw.split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(|s| s.to_ascii_lowercase())
        .collect()
}

fn label_from(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Compiler {
    fn flush(&mut self) {
        if !self.current.is_empty() {
            self.parts
                .push(Part::Static(std::mem::take(&mut self.current)));
        }
    }

    fn remove(&mut self, what: String) {
        self.removed.insert(what);
    }

    fn root_size(&mut self, root: Node) -> (f32, f32) {
        self.palette = root
            .attribute("data-palette")
            .map(colors)
            .unwrap_or_default();
        for color in &self.palette {
            if !is_hex_color(color) {
                self.errors
                    .push(crate::tr!(template.palette, color = &color).to_string());
            }
        }
        let view_box: Vec<f32> = root
            .attribute("viewBox")
            .unwrap_or("")
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        let [_, _, w, h] = view_box[..] else {
            self.errors.push(crate::tr!(template.viewbox).into());
            return (0.0, 0.0);
        };
        let stated = ["width", "height"].map(|a| root.attribute(a).and_then(length));
        if stated.iter().any(Option::is_none) {
            self.errors.push(crate::tr!(template.size).into());
        }
        let too_big = [w, h]
            .into_iter()
            .chain(stated.into_iter().flatten())
            .any(|v| !(v > 0.0 && v <= MAX_SIDE));
        if too_big {
            self.errors
                .push(crate::tr!(template.too_big, max = MAX_SIDE).to_string());
        }
        (w, h)
    }

    fn element(&mut self, node: Node, is_root: bool) {
        let name = node.tag_name().name();
        if node.tag_name().namespace() != Some(SVG_NS) || !ELEMENTS.contains(&name) {
            self.remove(format!("<{name}> element"));
            return;
        }
        if let Some(slot_name) = node.attribute("data-slot") {
            self.slot_element(node, slot_name);
            return;
        }
        self.open(node, is_root, None);
        self.children(node);
        self.current.push_str(&format!("</{name}>"));
    }

    fn children(&mut self, node: Node) {
        for child in node.children() {
            if child.is_element() {
                self.element(child, false);
            } else if child.is_text() {
                let text = child.text().unwrap_or("");
                if matches!(node.tag_name().name(), "text" | "tspan" | "title" | "desc") {
                    escape(text, &mut self.current);
                }
            }
        }
    }

    /// Writes `<name attrs…>`; `fill_slot` turns the fill into a hole.
    fn open(&mut self, node: Node, is_root: bool, fill_slot: Option<usize>) {
        let name = node.tag_name().name();
        self.current.push('<');
        self.current.push_str(name);
        if is_root {
            self.current.push_str(&format!(" xmlns=\"{SVG_NS}\""));
        }
        let skip: &[&str] = if fill_slot.is_some() { &["fill"] } else { &[] };
        self.attributes(node, skip);
        if is_root || name == "text" {
            self.current
                .push_str(&format!(" font-family=\"{FONT_FAMILY}\""));
        }
        if let Some(slot) = fill_slot {
            self.current.push_str(" fill=\"");
            self.flush();
            self.parts.push(Part::Fill { slot });
            self.current.push('"');
        }
        self.current.push('>');
    }

    /// Copies the allowed attributes, except `skip`.
    fn attributes(&mut self, node: Node, skip: &[&str]) {
        for attr in node.attributes() {
            let name = attr.name();
            let value = attr.value();
            if name.starts_with("data-") || skip.contains(&name) {
                continue;
            }
            if name == "href" && matches!(attr.namespace(), None | Some(XLINK_NS)) {
                match self.safe_href(node, value) {
                    Some(href) => {
                        self.current.push_str(" href=\"");
                        escape(&href, &mut self.current);
                        self.current.push('"');
                    }
                    None => self.remove("external reference".into()),
                }
                continue;
            }
            if attr.namespace().is_some() || !ATTRIBUTES.contains(&name) {
                if name.starts_with("on") {
                    self.remove("event handler".into());
                } else if name != "font-family" && name != "version" {
                    self.remove(format!("{name} attribute"));
                }
                continue;
            }
            // Paint servers and clips may only point inside the document.
            if value.contains("url(") && !value.trim_start().starts_with("url(#") {
                self.remove("external reference".into());
                continue;
            }
            let value = if name == "id" {
                format!("{}{value}", self.prefix)
            } else {
                value.replace("url(#", &format!("url(#{}", self.prefix))
            };
            self.current.push(' ');
            self.current.push_str(name);
            self.current.push_str("=\"");
            escape(&value, &mut self.current);
            self.current.push('"');
        }
    }

    /// `#id` anywhere; on images also an inline PNG or JPEG.
    fn safe_href(&self, node: Node, value: &str) -> Option<String> {
        let value = value.trim();
        if let Some(id) = value.strip_prefix('#').filter(|id| !id.is_empty()) {
            return Some(format!("#{}{id}", self.prefix));
        }
        let inline_image = ["data:image/png;base64,", "data:image/jpeg;base64,"]
            .iter()
            .any(|p| value.starts_with(p));
        (node.tag_name().name() == "image" && inline_image).then(|| value.to_string())
    }

    fn number(&mut self, node: Node, attr: &str, slot: &str) -> Option<f32> {
        let raw = node.attribute(attr)?;
        match raw.trim().parse::<f32>() {
            Ok(v) if v.is_finite() && (0.0..=MAX_SIDE).contains(&v.abs()) => Some(v),
            _ => {
                self.errors.push(
                    crate::tr!(template.slot_number, slot = &slot, attr = &attr, raw = &raw)
                        .to_string(),
                );
                None
            }
        }
    }

    fn slot_element(&mut self, node: Node, name: &str) {
        let valid = !name.is_empty()
            && name.len() <= 40
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            self.errors
                .push(crate::tr!(template.slot_name_40, name = &name).to_string());
            return;
        }
        let element = node.tag_name().name();
        let kind = match node.attribute("data-kind") {
            Some(raw) => SlotKind::parse(raw),
            None => Some(match element {
                "text" => SlotKind::Text,
                "image" => SlotKind::Image,
                _ => SlotKind::Color,
            }),
        };
        let Some(kind) = kind else {
            self.errors
                .push(crate::tr!(template.slot_kind, name = &name).to_string());
            return;
        };
        let fits = match kind {
            SlotKind::Text | SlotKind::Multiline => element == "text",
            SlotKind::Image => element == "image",
            SlotKind::Color => !matches!(element, "text" | "image" | "svg"),
        };
        if !fits {
            self.errors.push(
                crate::tr!(
                    template.slot_element,
                    name = &name,
                    kind = format!("{kind:?}"),
                    element = &element
                )
                .to_string(),
            );
            return;
        }
        if let Some(existing) = self.slots.iter().position(|s| s.name == name) {
            if kind == SlotKind::Color && self.slots[existing].kind == SlotKind::Color {
                self.color_element(node, existing);
            } else {
                self.errors
                    .push(crate::tr!(template.slot_twice, name = &name).to_string());
            }
            return;
        }
        let Some(slot) = self.read_slot(node, name, kind) else {
            return;
        };
        let index = self.slots.len();
        self.slots.push(slot);
        match kind {
            SlotKind::Text | SlotKind::Multiline => self.text_element(node, index),
            SlotKind::Image => {
                self.flush();
                self.attributes(node, &["href"]);
                let attrs = std::mem::take(&mut self.current);
                self.parts.push(Part::Image { slot: index, attrs });
            }
            SlotKind::Color => self.color_element(node, index),
        }
    }

    fn read_slot(&mut self, node: Node, name: &str, kind: SlotKind) -> Option<Slot> {
        let errors_before = self.errors.len();
        let mut slot = Slot::new(name, kind);
        slot.label = node
            .attribute("data-label")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| label_from(name));
        slot.help = node.attribute("data-help").unwrap_or("").trim().to_string();
        slot.required = node.attribute("data-required") == Some("true");
        slot.locked = node.attribute("data-locked") == Some("true");
        if let Some(raw) = node.attribute("data-bind") {
            match Binding::parse(raw) {
                Some(b) if (b == Binding::Logo) == (kind == SlotKind::Image) => slot.bind = Some(b),
                _ => self.errors.push(
                    crate::tr!(
                        template.slot_bind,
                        name = &name,
                        raw = &raw,
                        kind = format!("{kind:?}")
                    )
                    .to_string(),
                ),
            }
        }
        match kind {
            SlotKind::Text | SlotKind::Multiline => {
                slot.default = node
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let size = self.number(node, "font-size", name).unwrap_or(16.0);
                slot.font_max = self.number(node, "data-font-max", name).unwrap_or(size);
                slot.font_min = self
                    .number(node, "data-font-min", name)
                    .unwrap_or(slot.font_max);
                if slot.font_min > slot.font_max || slot.font_min < 1.0 {
                    self.errors
                        .push(crate::tr!(template.font_min, name = &name).to_string());
                }
                slot.max_lines = match kind {
                    SlotKind::Text => 1,
                    _ => self
                        .number(node, "data-max-lines", name)
                        .map(|v| v.clamp(1.0, 100.0) as u32)
                        .unwrap_or(3),
                };
                slot.max_chars = self
                    .number(node, "data-max-chars", name)
                    .map(|v| v.max(1.0) as u32);
                if node.attribute("data-width").is_none() {
                    self.errors
                        .push(crate::tr!(template.width, name = &name).to_string());
                }
            }
            SlotKind::Image => {
                slot.default = node
                    .attribute("href")
                    .or_else(|| node.attribute((XLINK_NS, "href")))
                    .and_then(|h| self.safe_href(node, h))
                    .unwrap_or_default();
                slot.min_width = self.number(node, "data-min-width", name).unwrap_or(0.0) as u32;
                slot.min_height = self.number(node, "data-min-height", name).unwrap_or(0.0) as u32;
                for attr in ["width", "height"] {
                    if node.attribute(attr).and_then(length).is_none() {
                        self.errors.push(
                            crate::tr!(template.image_attr, name = &name, attr = &attr).to_string(),
                        );
                    }
                }
            }
            SlotKind::Color => {
                slot.default = node.attribute("fill").unwrap_or("").to_ascii_lowercase();
                slot.allowed_colors = node
                    .attribute("data-allowed")
                    .map(colors)
                    .unwrap_or_else(|| self.palette.clone());
                if !is_hex_color(&slot.default) {
                    self.errors
                        .push(crate::tr!(template.fill, name = &name).to_string());
                } else if !slot.allowed_colors.is_empty()
                    && !slot.allowed_colors.contains(&slot.default)
                {
                    self.errors.push(format!(
                        "Slot \"{name}\": its fill {} is not among the allowed colours.",
                        slot.default
                    ));
                }
                if slot.allowed_colors.iter().any(|c| !is_hex_color(c)) {
                    self.errors
                        .push(crate::tr!(template.allowed, name = &name).to_string());
                }
            }
        }
        (self.errors.len() == errors_before).then_some(slot)
    }

    fn text_element(&mut self, node: Node, index: usize) {
        let name = &self.slots[index].name.clone();
        let x = self.number(node, "x", name).unwrap_or(0.0);
        let y = self.number(node, "y", name).unwrap_or(0.0);
        let width = self.number(node, "data-width", name).unwrap_or(0.0);
        let line_height = self
            .number(node, "data-line-height", name)
            .unwrap_or(1.2)
            .clamp(0.8, 3.0);
        let weight = match node.attribute("font-weight").map(str::trim) {
            Some("bold" | "bolder" | "600" | "700" | "800" | "900") => FontWeight::Bold,
            _ => FontWeight::Regular,
        };
        self.flush();
        self.attributes(node, &["x", "y", "font-size", "font-weight", "font-family"]);
        let attrs = std::mem::take(&mut self.current);
        self.parts.push(Part::Text(TextBox {
            slot: index,
            x,
            y,
            width,
            line_height,
            weight,
            attrs,
        }));
    }

    fn color_element(&mut self, node: Node, index: usize) {
        self.open(node, false, Some(index));
        self.children(node);
        self.current
            .push_str(&format!("</{}>", node.tag_name().name()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cobrand::{check, render, RenderOptions};
    use std::collections::BTreeMap;

    const GOOD: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200" data-palette="#0b3d91 #ff6a00">
  <rect data-slot="accent" data-label="Accent" width="400" height="200" fill="#0B3D91"/>
  <text data-slot="headline" data-kind="text" data-label="Headline" data-width="360" data-max-chars="40" data-font-min="18" data-required="true" x="20" y="60" font-size="32" font-weight="bold" fill="#fff">Hello   partners</text>
  <text data-slot="body" data-kind="multiline" data-max-lines="4" data-width="360" x="20" y="100" font-size="12">Body copy</text>
  <image data-slot="logo" data-bind="logo" data-min-width="200" data-min-height="80" x="20" y="120" width="120" height="60" href="data:image/png;base64,AAAA"/>
  <circle data-slot="accent" cx="380" cy="20" r="10" fill="#0b3d91"/>
  <text x="20" y="195" font-family="Comic Sans" font-size="10">Static &amp; fixed</text>
</svg>"##;

    #[test]
    fn reads_slots_and_guardrails() {
        let compiled = compile(GOOD).expect("compiles");
        let plan = &compiled.plan;
        assert_eq!((plan.width, plan.height), (400.0, 200.0));
        let names: Vec<_> = plan.slots.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["accent", "headline", "body", "logo"]);
        let headline = plan.slot("headline").unwrap();
        assert_eq!(headline.default, "Hello partners");
        assert_eq!((headline.font_min, headline.font_max), (18.0, 32.0));
        assert_eq!((headline.max_lines, headline.max_chars), (1, Some(40)));
        assert!(headline.required);
        let body = plan.slot("body").unwrap();
        assert_eq!(
            (body.kind, body.max_lines, body.label.as_str()),
            (SlotKind::Multiline, 4, "Body")
        );
        let logo = plan.slot("logo").unwrap();
        assert_eq!(logo.bind, Some(Binding::Logo));
        assert_eq!((logo.min_width, logo.min_height), (200, 80));
        let accent = plan.slot("accent").unwrap();
        assert_eq!(accent.default, "#0b3d91");
        assert_eq!(accent.allowed_colors, vec!["#0b3d91", "#ff6a00"]);
        assert!(compiled.removed.is_empty(), "{:?}", compiled.removed);
    }

    #[test]
    fn renders_what_it_compiled() {
        let plan = compile(GOOD).unwrap().plan;
        let mut values = plan.defaults();
        values.insert("accent".into(), "#ff6a00".into());
        let svg = render(&plan, &values, &BTreeMap::new(), RenderOptions::default());
        assert_eq!(svg.matches("fill=\"#ff6a00\"").count(), 2, "{svg}");
        assert!(svg.contains("font-family=\"DejaVu Sans\""));
        assert!(!svg.contains("Comic Sans"));
        assert!(!svg.contains("data-palette"));
        assert!(svg.contains(">Static &amp; fixed</text>"));
        assert!(roxmltree::Document::parse(&svg).is_ok(), "{svg}");
        assert!(check(&plan, &values, &BTreeMap::new()).is_empty());
    }

    #[test]
    fn strips_scripts_handlers_and_external_references() {
        let hostile = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100" viewBox="0 0 100 100" onload="alert(1)">
  <script>alert(1)</script>
  <style>rect { fill: url(https://evil.test/x) }</style>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
  <rect width="10" height="10" onclick="alert(2)" style="fill:url(https://evil.test/)" fill="url(https://evil.test/p)"/>
  <image href="https://evil.test/track.png" width="1" height="1"/>
  <image xlink:href="javascript:alert(3)" width="1" height="1"/>
  <image href="data:image/svg+xml;base64,PHN2Zz4=" width="1" height="1"/>
  <use href="#ok"/>
  <a href="javascript:alert(4)"><text>x</text></a>
</svg>"##;
        let compiled = compile(hostile).expect("cleaned, not refused");
        let svg = render(
            &compiled.plan,
            &Default::default(),
            &BTreeMap::new(),
            RenderOptions::default(),
        );
        for bad in [
            "script",
            "alert",
            "evil.test",
            "style",
            "foreignObject",
            "onload",
            "onclick",
            "javascript",
            "svg+xml",
            "<a",
        ] {
            assert!(!svg.contains(bad), "{bad} survived: {svg}");
        }
        assert!(
            svg.contains("<use href=\"#t") && svg.contains("-ok\">"),
            "{svg}"
        );
        assert!(compiled.removed.contains(&"event handler".to_string()));
        assert!(compiled.removed.contains(&"<script> element".to_string()));
        assert!(compiled.removed.contains(&"external reference".to_string()));
    }

    #[test]
    fn refuses_what_cannot_be_made_safe_or_sensible() {
        let cases = [
            ("<html/>", "SVG namespace"),
            ("not xml", "not valid SVG"),
            (
                r##"<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"/>"##,
                "not valid SVG",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"/>"##,
                "viewBox",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="10" viewBox="0 0 100000 10"/>"##,
                "too large",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><text data-slot="a">x</text></svg>"##,
                "data-width",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><text data-slot="Bad Name" data-width="5">x</text></svg>"##,
                "lower-case",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10" data-palette="#000000"><rect data-slot="c" fill="#ffffff"/></svg>"##,
                "allowed colours",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><image data-slot="i" data-bind="phone" width="1" height="1"/></svg>"##,
                "data-bind",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><text data-slot="t" data-width="5">a</text><text data-slot="t" data-width="5">b</text></svg>"##,
                "used twice",
            ),
        ];
        for (source, expected) in cases {
            let errors = compile(source).expect_err(source);
            assert!(
                errors.iter().any(|e| e.contains(expected)),
                "{source}: {errors:?}"
            );
        }
        let huge = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">{}</svg>",
            " ".repeat(MAX_SOURCE_BYTES)
        );
        assert!(compile(&huge).is_err());
    }

    #[test]
    fn sanitises_a_logo() {
        let (svg, removed) = sanitize(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><script>x()</script><circle r="4" onload="y()"/></svg>"#).unwrap();
        assert!(svg.starts_with("<svg xmlns"));
        assert!(!svg.contains("script") && !svg.contains("onload"));
        assert_eq!(removed.len(), 2);
    }
}
