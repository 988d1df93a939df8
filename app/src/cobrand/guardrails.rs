//! Guardrails: every rule a partner's values must meet before export. The
//! editor shows the issues on their slots as the partner types; the server
//! runs the same check and refuses to export while any remain.

use super::metrics::supports;
use super::model::{ImageSource, Plan, SlotKind, Values};
use super::render::{fitting_chars, is_hex_color, layout};
use crate::tr;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub slot: String,
    pub message: String,
}

/// All issues of `values` against the plan, in slot order.
pub fn check(plan: &Plan, values: &Values, images: &BTreeMap<String, ImageSource>) -> Vec<Issue> {
    let values = plan.effective(values);
    let fitted = layout(plan, &values);
    let mut issues = Vec::new();
    for (index, slot) in plan.slots.iter().enumerate() {
        let value = values.get(&slot.name).map(String::as_str).unwrap_or("");
        let mut flag = |message: String| {
            issues.push(Issue {
                slot: slot.name.clone(),
                message,
            })
        };
        let label = &slot.label;
        match slot.kind {
            SlotKind::Text | SlotKind::Multiline => {
                if slot.required && value.trim().is_empty() {
                    flag(tr!(cobrand.check.required, label).to_string());
                    continue;
                }
                let count = value.chars().count();
                if let Some(max) = slot.max_chars {
                    if count > max as usize {
                        flag(tr!(cobrand.check.too_long, label, count, max).to_string());
                    }
                }
                let mut missing: Vec<char> = value.chars().filter(|c| !supports(*c)).collect();
                missing.dedup();
                if !missing.is_empty() {
                    let shown: String = missing.iter().take(5).collect();
                    flag(tr!(cobrand.check.font, label, shown).to_string());
                }
                if fitted.iter().any(|(i, f)| *i == index && f.overflow) {
                    let fits = fitting_chars(plan, &values, index).unwrap_or(0);
                    flag(tr!(cobrand.check.overflow, label, fits, count).to_string());
                }
            }
            SlotKind::Color => {
                let allowed = slot
                    .allowed_colors
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(value));
                if !is_hex_color(value) || (!slot.allowed_colors.is_empty() && !allowed) {
                    let colours = slot.allowed_colors.join(", ");
                    flag(tr!(cobrand.check.colour, label, colours).to_string());
                }
            }
            SlotKind::Image => match images.get(&slot.name) {
                Some(image) if image.width < slot.min_width || image.height < slot.min_height => {
                    flag(
                        tr!(
                            cobrand.check.image_small,
                            label,
                            w = image.width,
                            h = image.height,
                            min_w = slot.min_width,
                            min_h = slot.min_height
                        )
                        .to_string(),
                    )
                }
                Some(_) => {}
                None if value == "logo" => flag(tr!(cobrand.check.no_logo, label).to_string()),
                None if slot.required => flag(tr!(cobrand.check.required, label).to_string()),
                None => {}
            },
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cobrand::render::tests::sample;

    fn messages(issues: &[Issue]) -> Vec<&str> {
        issues.iter().map(|i| i.slot.as_str()).collect()
    }

    #[test]
    fn defaults_pass() {
        let plan = sample();
        assert_eq!(check(&plan, &plan.defaults(), &BTreeMap::new()), vec![]);
    }

    #[test]
    fn flags_each_rule_on_its_slot() {
        let plan = sample();
        let mut values = plan.defaults();
        values.insert("headline".into(), "".into());
        values.insert("accent".into(), "#123456".into());
        values.insert("logo".into(), "logo".into());
        let issues = check(&plan, &values, &BTreeMap::new());
        assert_eq!(messages(&issues), vec!["headline", "accent", "logo"]);
        assert!(issues[0].message.contains("required"));
        assert!(issues[1].message.contains("#0b3d91"));
        assert!(issues[2].message.contains("no logo"));
    }

    #[test]
    fn too_long_too_wide_and_unprintable_text() {
        let plan = sample();
        let mut values = plan.defaults();
        values.insert("headline".into(), "Wide ".repeat(9));
        let issues = check(&plan, &values, &BTreeMap::new());
        assert!(issues.iter().any(|i| i.message.contains("45 characters")));
        assert!(issues.iter().any(|i| i.message.contains("does not fit")));
        values.insert("headline".into(), "Grüße 漢字".into());
        let issues = check(&plan, &values, &BTreeMap::new());
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.ends_with("漢字"));
    }

    #[test]
    fn small_images_are_refused() {
        let plan = sample();
        let mut images = BTreeMap::new();
        images.insert(
            "logo".to_string(),
            ImageSource {
                href: "x".into(),
                width: 100,
                height: 40,
            },
        );
        let issues = check(&plan, &plan.defaults(), &images);
        assert_eq!(messages(&issues), vec!["logo"]);
        assert!(issues[0].message.contains("100×40 px"));
    }

    #[test]
    fn locked_slots_cannot_fail() {
        let plan = sample();
        let mut values = plan.defaults();
        values.insert("legal".into(), "x".repeat(500));
        assert_eq!(check(&plan, &values, &BTreeMap::new()), vec![]);
    }
}
