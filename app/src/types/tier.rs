//! A program's tiers and partner types as pages see them. Tiers are data (`tiers` table):
//! each program names and ranks its own, with their benefits; partners,
//! audiences and tier pools keep a tier's code.

use super::localized::Texts;
use serde::{Deserialize, Serialize};

/// A tier or partner type as a partner card or a list names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeName {
    pub code: String,
    /// In the reader's language.
    pub name: String,
}

/// One tier with its benefits, for the tiers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub rank: i32,
    pub deal_protection_days: i32,
    pub lead_weight: i32,
    pub mdf_accrual_bp: i32,
    pub discount_bp: i32,
    /// Partners on this tier.
    pub partners: u64,
    /// The stored name and its versions, for those who edit.
    pub texts: Option<Texts>,
}

/// One partner type (reseller, MSP, distributor, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerTypeView {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// Partners of this type have resellers under them (two-tier
    /// distribution): they see their resellers' names.
    pub distributes: bool,
    pub partners: u64,
    pub texts: Option<Texts>,
}

/// The program's tiers and partner types.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TiersPage {
    /// Highest first.
    pub tiers: Vec<TierView>,
    /// In the program's order.
    pub partner_types: Vec<PartnerTypeView>,
    pub can_edit: bool,
}

/// What a filter or an audience form offers: the program's tiers (highest
/// first) and partner types as (code, name), without the tiers page's
/// partner counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AudienceChoices {
    pub tiers: Vec<(String, String)>,
    pub partner_types: Vec<(String, String)>,
    /// The countries the program's partners work in, as (code, name), for
    /// the directory's filter (audience forms leave it empty).
    pub countries: Vec<(String, String)>,
}

pub const MAX_TIER_NAME: usize = 60;
/// Longest deal protection, in days (two years).
pub const MAX_PROTECTION_DAYS: i32 = 730;
/// Highest lead weight, in percent of a normal share.
pub const MAX_LEAD_WEIGHT: i32 = 1000;

/// A percentage typed into a form ("2.5", "2,5", "12 %") in basis points,
/// 0 to 100 % with at most two decimals.
pub fn percent_to_bp(raw: &str) -> Option<i32> {
    let cleaned = raw.trim().trim_end_matches('%').trim().replace(',', ".");
    if cleaned.is_empty() {
        return Some(0);
    }
    let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 3
    {
        return None;
    }
    let whole: i32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i32 = format!("{frac:0<2}").parse().ok()?;
    let bp = whole * 100 + frac;
    (bp <= 10_000).then_some(bp)
}

/// Basis points as a percentage for a form field: 250 → "2.5".
pub fn bp_to_percent(bp: i32) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => whole.to_string(),
        frac if frac % 10 == 0 => format!("{whole}.{}", frac / 10),
        frac => format!("{whole}.{frac:02}"),
    }
}

/// A code for a new tier from its name: lowercase ASCII letters, digits
/// and `_` ("Gold Plus" → "gold_plus"); empty when nothing is left.
pub fn code_from_name(name: &str) -> String {
    let mut code = String::new();
    for c in name.trim().to_lowercase().chars() {
        let c = match c {
            'ä' => "ae".to_owned(),
            'ö' => "oe".to_owned(),
            'ü' => "ue".to_owned(),
            'ß' => "ss".to_owned(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "_".to_owned(),
        };
        code.push_str(&c);
    }
    let parts: Vec<&str> = code.split('_').filter(|p| !p.is_empty()).collect();
    parts.join("_").chars().take(32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_in_either_notation() {
        assert_eq!(percent_to_bp("2.5"), Some(250));
        assert_eq!(percent_to_bp("2,5 %"), Some(250));
        assert_eq!(percent_to_bp("12.75"), Some(1275));
        assert_eq!(percent_to_bp(""), Some(0));
        assert_eq!(percent_to_bp("100"), Some(10_000));
        for bad in ["100.01", "-1", "1.234", "abc", "1e2", ".", "1.2.3"] {
            assert_eq!(percent_to_bp(bad), None, "{bad}");
        }
        for bp in [0, 5, 50, 250, 1275, 10_000] {
            assert_eq!(percent_to_bp(&bp_to_percent(bp)), Some(bp), "{bp}");
        }
        assert_eq!(bp_to_percent(250), "2.5");
    }

    #[test]
    fn codes_from_names() {
        assert_eq!(code_from_name("Gold Plus"), "gold_plus");
        assert_eq!(
            code_from_name("  Premium-Partner (Süd) "),
            "premium_partner_sued"
        );
        assert_eq!(code_from_name("***"), "");
    }
}
