//! Property tests: generated hostile SVG never gets past the sanitiser.
//! Documents are built from a grammar rich in what attackers use (scripts,
//! handlers, external and `javascript:` references, styles, foreign content)
//! mixed with valid slot markup; whatever compiles must render to XML that
//! holds none of it, and nothing may panic.

use super::compile::compile;
use crate::cobrand::{check, render, RenderOptions};
use proptest::prelude::*;
use std::collections::BTreeMap;

const ELEMENTS: &[&str] = &[
    "g",
    "rect",
    "circle",
    "path",
    "text",
    "tspan",
    "image",
    "use",
    "defs",
    "linearGradient",
    "stop",
    "script",
    "style",
    "foreignObject",
    "a",
    "iframe",
    "animate",
    "set",
    "handler",
    "svg",
    "title",
];

const ATTRIBUTES: &[&str] = &[
    r#"x="10""#,
    r#"width="50""#,
    r#"height="20""#,
    r##"fill="#0b3d91""##,
    r#"fill="url(https://evil.test/p)""#,
    r##"fill="url(#g)""##,
    r#"id="g""#,
    r#"onload="alert(1)""#,
    r#"onclick="alert(2)""#,
    r#"OnMouseOver="alert(3)""#,
    r#"style="background:url(https://evil.test/)""#,
    r#"href="javascript:alert(4)""#,
    r#"href="https://evil.test/x.png""#,
    r##"href="#g""##,
    r#"href="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0Pg==""#,
    r#"href="data:image/png;base64,AAAA""#,
    r#"xlink:href="javascript:alert(5)""#,
    r#"data-slot="headline""#,
    r#"data-slot="accent""#,
    r#"data-kind="text""#,
    r#"data-kind="color""#,
    r#"data-kind="image""#,
    r#"data-width="200""#,
    r#"data-max-lines="2""#,
    r#"data-font-min="8""#,
    r#"font-size="16""#,
    r#"attributeName="href""#,
    r#"to="javascript:alert(6)""#,
];

fn element(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        "[a-zA-Z0-9 &<>\"']{0,12}".prop_map(|t| t
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")),
        Just("<![CDATA[<script>alert(7)</script>]]>".to_string()),
        Just("<!-- <script> -->".to_string()),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    (
        prop::sample::select(ELEMENTS),
        prop::collection::vec(prop::sample::select(ATTRIBUTES), 0..5),
        prop::collection::vec(element(depth - 1), 0..4),
    )
        .prop_map(|(name, mut attrs, children)| {
            // XML forbids repeating an attribute; keep the first of each name.
            let mut seen = std::collections::HashSet::new();
            attrs.retain(|a| seen.insert(a.split('=').next().unwrap_or("").to_string()));
            format!("<{name} {}>{}</{name}>", attrs.join(" "), children.concat())
        })
        .boxed()
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(element(3), 0..6).prop_map(|children| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="200" viewBox="0 0 400 200" data-palette="{}">{}</svg>"#,
            "#0b3d91 #ff6a00",
            children.concat()
        )
    })
}

/// What must never appear in sanitised output.
fn assert_clean(svg: &str) {
    let doc = roxmltree::Document::parse(svg).expect("the output is well-formed XML");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            ![
                "script",
                "style",
                "foreignObject",
                "a",
                "iframe",
                "animate",
                "set",
                "handler"
            ]
            .contains(&name),
            "<{name}> survived: {svg}"
        );
        for attr in node.attributes() {
            let key = attr.name().to_ascii_lowercase();
            let value = attr.value().to_ascii_lowercase();
            assert!(!key.starts_with("on"), "{key} survived: {svg}");
            assert!(key != "style", "style survived: {svg}");
            if key == "href" {
                assert!(
                    value.starts_with('#')
                        || value.starts_with("data:image/png;base64,")
                        || value.starts_with("data:image/jpeg;base64,"),
                    "href {value} survived: {svg}"
                );
            }
            assert!(
                !value.contains("javascript:"),
                "javascript: survived: {svg}"
            );
            if let Some(pos) = value.find("url(") {
                assert!(
                    value[pos + 4..].starts_with('#'),
                    "external url survived: {svg}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_documents_come_out_clean(source in document()) {
        if let Ok(compiled) = compile(&source) {
            let plan = compiled.plan;
            let svg = render(&plan, &plan.defaults(), &BTreeMap::new(), RenderOptions { mark_overflow: true });
            assert_clean(&svg);
            let _ = check(&plan, &plan.defaults(), &BTreeMap::new());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(source in ".{0,400}") {
        let _ = compile(&source);
    }

    #[test]
    fn hostile_slot_values_stay_text(value in ".{0,80}") {
        let source = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"><text data-slot="headline" data-kind="multiline" data-max-lines="3" data-width="360" x="20" y="60" font-size="20">x</text><rect data-slot="accent" fill="#0b3d91"/></svg>"##;
        let plan = compile(source).expect("compiles").plan;
        let mut values = plan.defaults();
        values.insert("headline".into(), value.clone());
        values.insert("accent".into(), value);
        let svg = render(&plan, &values, &BTreeMap::new(), RenderOptions { mark_overflow: true });
        assert_clean(&svg);
    }
}
