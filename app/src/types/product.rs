//! The program's product catalogue as pages and server functions see it.
//! Products are referenced by id everywhere else (deals, leads, price
//! lists); the SKU is the vendor's own key, used by CSV files.

use super::localized::Texts;
use super::views::IdName;
use serde::{Deserialize, Serialize};

string_enum!(
    /// What one unit of a product is: how quantities on deals and price
    /// lists are counted.
    ProductUnit in product_unit {
        Piece => ("piece", piece),
        Licence => ("licence", licence),
        Seat => ("seat", seat),
        Month => ("month", month),
        Year => ("year", year),
        Hour => ("hour", hour),
        Day => ("day", day),
    }
);

/// Longest SKU, in characters.
pub const MAX_SKU: usize = 40;
pub const MAX_PRODUCT_NAME: usize = 120;
pub const MAX_FAMILY_NAME: usize = 80;
pub const MAX_PRODUCT_DESCRIPTION: usize = 2000;

/// Why a typed SKU is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkuProblem {
    Missing,
    TooLong,
    /// Only letters, digits and `- _ . /`: SKUs travel through CSV files,
    /// ERP exports and URLs.
    Characters,
}

/// The SKU as stored (trimmed, in capitals), or what is wrong with it.
pub fn normalise_sku(raw: &str) -> Result<String, SkuProblem> {
    let sku = raw.trim();
    if sku.is_empty() {
        return Err(SkuProblem::Missing);
    }
    if sku.chars().count() > MAX_SKU {
        return Err(SkuProblem::TooLong);
    }
    if !sku
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        return Err(SkuProblem::Characters);
    }
    Ok(sku.to_ascii_uppercase())
}

impl SkuProblem {
    pub fn message(self) -> String {
        match self {
            SkuProblem::Missing => crate::tr!(products.sku_missing).to_owned(),
            SkuProblem::TooLong => crate::tr!(products.sku_too_long, max = MAX_SKU).to_string(),
            SkuProblem::Characters => crate::tr!(products.sku_characters).to_owned(),
        }
    }
}

string_enum!(
    /// Which products a list shows.
    ProductStatus in product_status {
        Active => ("active", active),
        Inactive => ("inactive", inactive),
    }
);

/// Catalogue filters; empty means "any". Partners see active products only.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductFilter {
    pub q: String,
    /// A family id.
    pub family: String,
    /// "active", "inactive" or empty (vendor staff only).
    pub status: String,
    /// Keyset cursor: the last row of the previous page.
    pub after: String,
}

/// One product in a list, in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductRow {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub description: String,
    pub family: String,
    pub unit: ProductUnit,
    pub active: bool,
}

/// A family with how many products it holds; `texts` for those who edit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilyView {
    pub id: i64,
    pub name: String,
    pub products: u64,
    pub texts: Option<Texts>,
}

/// The catalogue page: one page of products and every family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogueView {
    pub items: Vec<ProductRow>,
    pub total: u64,
    pub next_after: Option<String>,
    pub families: Vec<FamilyView>,
    pub can_edit: bool,
}

/// What the product form needs: the stored product (none for a new one)
/// and the families to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductForm {
    pub product: Option<StoredProduct>,
    pub families: Vec<IdName>,
}

/// A product as stored, for the form that changes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredProduct {
    pub id: i64,
    pub sku: String,
    pub family_id: i64,
    pub unit: ProductUnit,
    pub active: bool,
    /// Name and description as written, with their versions.
    pub texts: Texts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skus_are_trimmed_capitals_of_safe_characters() {
        assert_eq!(normalise_sku("  ap-515/eu ").as_deref(), Ok("AP-515/EU"));
        assert_eq!(normalise_sku("SW_24.POE").as_deref(), Ok("SW_24.POE"));
        assert_eq!(normalise_sku("   "), Err(SkuProblem::Missing));
        assert_eq!(normalise_sku("AP 515"), Err(SkuProblem::Characters));
        assert_eq!(normalise_sku("=cmd|x"), Err(SkuProblem::Characters));
        assert_eq!(normalise_sku("ÄP-1"), Err(SkuProblem::Characters));
        assert_eq!(normalise_sku(&"A".repeat(41)), Err(SkuProblem::TooLong));
        assert!(normalise_sku(&"A".repeat(40)).is_ok());
    }

    #[test]
    fn units_round_trip() {
        for u in ProductUnit::ALL {
            assert_eq!(ProductUnit::parse(u.as_str()), Some(*u));
        }
    }
}
