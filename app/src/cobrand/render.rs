//! Rendering a plan with values to an SVG document. Runs per keystroke in the
//! browser (the live preview) and on the server before export.

use super::fit::{fit, Fitted, Frame};
use super::model::{FontWeight, ImageSource, Part, Plan, SlotKind, TextBox, Values};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The font every template renders in (bundled; see `app/fonts`).
pub const FONT_FAMILY: &str = "DejaVu Sans";

#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// Outline text boxes whose text does not fit (preview only).
    pub mark_overflow: bool,
}

/// Fits every text box of the plan: one entry per `Part::Text`, in order.
pub fn layout(plan: &Plan, values: &Values) -> Vec<(usize, Fitted)> {
    plan.parts
        .iter()
        .filter_map(|part| match part {
            Part::Text(tb) => Some((tb.slot, fit_box(plan, values, tb))),
            _ => None,
        })
        .collect()
}

/// For a text slot whose box overflows even at its smallest size: how many
/// of its characters fit.
pub fn fitting_chars(plan: &Plan, values: &Values, slot: usize) -> Option<usize> {
    plan.parts.iter().find_map(|part| match part {
        Part::Text(tb) if tb.slot == slot => {
            let s = &plan.slots[slot];
            let text = values.get(&s.name).unwrap_or(&s.default);
            let frame = frame(plan, tb);
            fit(text, &frame)
                .overflow
                .then(|| super::fit::fitting_chars(text, &frame))
        }
        _ => None,
    })
}

fn frame(plan: &Plan, tb: &TextBox) -> Frame {
    let slot = &plan.slots[tb.slot];
    Frame {
        width: tb.width,
        max_lines: slot.max_lines,
        font_min: slot.font_min,
        font_max: slot.font_max,
        weight: tb.weight,
        multiline: slot.kind == SlotKind::Multiline,
    }
}

fn fit_box(plan: &Plan, values: &Values, tb: &TextBox) -> Fitted {
    let slot = &plan.slots[tb.slot];
    let text = values.get(&slot.name).unwrap_or(&slot.default);
    fit(text, &frame(plan, tb))
}

/// Escapes text for element content and attribute values, dropping what
/// XML 1.0 does not allow at all (control characters, U+FFFE, U+FFFF), so
/// any typed value still renders a well-formed document.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
}

/// XML 1.0's `Char` production (a Rust `char` is never a surrogate).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether `value` is a `#rrggbb` colour.
pub fn is_hex_color(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Renders the document. `values` are taken through [`Plan::effective`], so
/// locked slots always show the template's own content; `images` maps image
/// slot names to resolved sources (missing ones show the template's image).
pub fn render(
    plan: &Plan,
    values: &Values,
    images: &BTreeMap<String, ImageSource>,
    options: RenderOptions,
) -> String {
    let values = plan.effective(values);
    let mut out = String::with_capacity(plan.parts.iter().map(part_len).sum::<usize>() + 512);
    for part in &plan.parts {
        match part {
            Part::Static(markup) => out.push_str(markup),
            Part::Text(tb) => text(plan, &values, tb, options, &mut out),
            Part::Image { slot, attrs } => {
                let slot = &plan.slots[*slot];
                let href = images
                    .get(&slot.name)
                    .map(|i| i.href.as_str())
                    .unwrap_or(&slot.default);
                out.push_str("<image");
                out.push_str(attrs);
                // An empty slot gets no href at all: `href=""` would name the
                // document itself.
                if !href.is_empty() {
                    out.push_str(" href=\"");
                    escape(href, &mut out);
                    out.push('"');
                }
                out.push_str("/>");
            }
            Part::Fill { slot } => {
                let slot = &plan.slots[*slot];
                let value = values.get(&slot.name).map(String::as_str).unwrap_or("");
                let color = if is_hex_color(value) {
                    value
                } else {
                    &slot.default
                };
                out.push_str(color);
            }
        }
    }
    out
}

fn part_len(part: &Part) -> usize {
    match part {
        Part::Static(s) => s.len(),
        _ => 64,
    }
}

fn text(plan: &Plan, values: &Values, tb: &TextBox, options: RenderOptions, out: &mut String) {
    let slot = &plan.slots[tb.slot];
    let text = values.get(&slot.name).unwrap_or(&slot.default);
    let fitted = fit(text, &frame(plan, tb));
    let weight = match tb.weight {
        FontWeight::Regular => "normal",
        FontWeight::Bold => "bold",
    };
    let step = fitted.size * tb.line_height;
    if options.mark_overflow && fitted.overflow {
        let lines = slot.max_lines.max(1) as f32;
        let anchor_shift = if tb.attrs.contains("text-anchor=\"middle\"") {
            tb.width / 2.0
        } else if tb.attrs.contains("text-anchor=\"end\"") {
            tb.width
        } else {
            0.0
        };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#d92d20\" stroke-width=\"{}\" stroke-dasharray=\"{} {}\" data-overflow=\"{}\"/>",
            num(tb.x - anchor_shift),
            num(tb.y - fitted.size),
            num(tb.width),
            num(step * (lines - 1.0) + fitted.size * 1.25),
            num((fitted.size / 10.0).max(1.0)),
            num(fitted.size / 3.0),
            num(fitted.size / 6.0),
            slot.name,
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-family=\"{FONT_FAMILY}\" font-size=\"{}\" font-weight=\"{weight}\"{} data-slot=\"{}\">",
        num(tb.x),
        num(tb.y),
        num(fitted.size),
        tb.attrs,
        slot.name,
    );
    for (i, line) in fitted.lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">",
            num(tb.x),
            num(tb.y + step * i as f32)
        );
        escape(line, out);
        out.push_str("</tspan>");
    }
    out.push_str("</text>");
}

/// A number without trailing zeros, at most two decimals.
pub fn num(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::cobrand::model::{Slot, TextBox};

    /// A 400x200 plan: a bold headline box, a colour slot, an image slot.
    pub fn sample() -> Plan {
        let mut headline = Slot::new("headline", SlotKind::Text);
        headline.label = "Headline".into();
        headline.default = "Hello partners".into();
        headline.max_chars = Some(40);
        headline.font_min = 18.0;
        headline.font_max = 32.0;
        headline.required = true;
        let mut accent = Slot::new("accent", SlotKind::Color);
        accent.label = "Accent colour".into();
        accent.default = "#0b3d91".into();
        accent.allowed_colors = vec!["#0b3d91".into(), "#ff6a00".into()];
        let mut logo = Slot::new("logo", SlotKind::Image);
        logo.label = "Logo".into();
        logo.default = "data:image/png;base64,AAAA".into();
        logo.min_width = 200;
        logo.min_height = 80;
        let mut legal = Slot::new("legal", SlotKind::Text);
        legal.default = "Acme is a trademark".into();
        legal.locked = true;
        legal.font_max = 10.0;
        legal.font_min = 10.0;
        Plan {
            width: 400.0,
            height: 200.0,
            slots: vec![headline, accent, logo, legal],
            variants: BTreeMap::new(),
            parts: vec![
                Part::Static("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 200\"><rect width=\"400\" height=\"200\" fill=\"".into()),
                Part::Fill { slot: 1 },
                Part::Static("\"/>".into()),
                Part::Text(TextBox {
                    slot: 0,
                    x: 20.0,
                    y: 60.0,
                    width: 360.0,
                    line_height: 1.2,
                    weight: FontWeight::Bold,
                    attrs: " fill=\"#ffffff\"".into(),
                }),
                Part::Image {
                    slot: 2,
                    attrs: " x=\"20\" y=\"120\" width=\"120\" height=\"60\"".into(),
                },
                Part::Text(TextBox {
                    slot: 3,
                    x: 20.0,
                    y: 195.0,
                    width: 360.0,
                    line_height: 1.2,
                    weight: FontWeight::Regular,
                    attrs: String::new(),
                }),
                Part::Static("</svg>".into()),
            ],
        }
    }

    #[test]
    fn renders_defaults_and_values() {
        let plan = sample();
        let svg = render(
            &plan,
            &plan.defaults(),
            &BTreeMap::new(),
            RenderOptions::default(),
        );
        assert!(svg.contains("fill=\"#0b3d91\""));
        assert!(svg.contains(">Hello partners</tspan>"));
        assert!(svg.contains("href=\"data:image/png;base64,AAAA\""));

        let mut values = plan.defaults();
        values.insert("headline".into(), "Save <20%> & more".into());
        values.insert("accent".into(), "#ff6a00".into());
        values.insert("legal".into(), "hacked".into());
        let mut images = BTreeMap::new();
        images.insert(
            "logo".into(),
            ImageSource {
                href: "/media/logos/7\"x".into(),
                width: 400,
                height: 100,
            },
        );
        let svg = render(&plan, &values, &images, RenderOptions::default());
        assert!(svg.contains(">Save &lt;20%&gt; &amp; more</tspan>"));
        assert!(svg.contains("fill=\"#ff6a00\""));
        assert!(svg.contains("href=\"/media/logos/7&quot;x\""));
        assert!(
            svg.contains(">Acme is a trademark</tspan>"),
            "locked slots keep their default"
        );
        assert!(!svg.contains("hacked"));
    }

    #[test]
    fn a_design_in_another_language_keeps_that_wording() {
        let mut plan = sample();
        let german: BTreeMap<String, String> = [
            ("legal".to_owned(), "Acme ist eine Marke".to_owned()),
            ("headline".to_owned(), "Hallo Partner".to_owned()),
            // Not a text slot: ignored.
            ("accent".to_owned(), "#ff6a00".to_owned()),
        ]
        .into();
        plan.variants.insert("de".into(), german);
        let de = plan.in_language("de");
        assert!(de.variants.is_empty());
        assert_eq!(de.defaults()["headline"], "Hallo Partner");
        assert_eq!(de.defaults()["accent"], "#0b3d91");
        let mut values = de.defaults();
        values.insert("legal".into(), "changed".into());
        let svg = render(&de, &values, &BTreeMap::new(), RenderOptions::default());
        assert!(svg.contains(">Acme ist eine Marke</tspan>"), "{svg}");
        assert!(!svg.contains("changed"));
        // A language without a variant: as written.
        let en = plan.in_language("en");
        assert_eq!(en.defaults()["legal"], "Acme is a trademark");
    }

    #[test]
    fn a_bad_colour_falls_back_to_the_default() {
        let plan = sample();
        let mut values = plan.defaults();
        values.insert("accent".into(), "red\" onload=\"x".into());
        let svg = render(&plan, &values, &BTreeMap::new(), RenderOptions::default());
        assert!(svg.contains("fill=\"#0b3d91\""));
        assert!(!svg.contains("onload"));
    }

    #[test]
    fn overflow_is_outlined_only_in_the_preview() {
        let plan = sample();
        let mut values = plan.defaults();
        values.insert("headline".into(), "word ".repeat(60));
        let preview = render(
            &plan,
            &values,
            &BTreeMap::new(),
            RenderOptions {
                mark_overflow: true,
            },
        );
        assert!(preview.contains("data-overflow=\"headline\""));
        let export = render(&plan, &values, &BTreeMap::new(), RenderOptions::default());
        assert!(!export.contains("data-overflow"));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
    }
}
