//! Money as integer minor units plus an ISO 4217 currency, with parsing of
//! typed amounts and formatting per locale. No floats anywhere.

use serde::{Deserialize, Serialize};

/// Currencies the portal accepts, with their minor-unit digits and symbol.
const CURRENCIES: &[(&str, u32, &str)] = &[
    ("USD", 2, "$"),
    ("EUR", 2, "€"),
    ("GBP", 2, "£"),
    ("CAD", 2, "CA$"),
    ("AUD", 2, "A$"),
    ("NZD", 2, "NZ$"),
    ("CHF", 2, "CHF"),
    ("SEK", 2, "kr"),
    ("NOK", 2, "kr"),
    ("DKK", 2, "kr."),
    ("PLN", 2, "zł"),
    ("INR", 2, "₹"),
    ("BRL", 2, "R$"),
    ("MXN", 2, "MX$"),
    ("SGD", 2, "S$"),
    ("ZAR", 2, "R"),
    ("CNY", 2, "CN¥"),
    ("JPY", 0, "¥"),
    ("KRW", 0, "₩"),
    ("CLP", 0, "CLP"),
];

pub fn currency_codes() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().map(|c| c.0)
}

fn currency(code: &str) -> Option<(&'static str, u32, &'static str)> {
    CURRENCIES.iter().copied().find(|c| c.0 == code)
}

/// How many minor digits the currency has (2 for cents, 0 for yen).
pub fn minor_digits(code: &str) -> Option<u32> {
    currency(code).map(|c| c.1)
}

pub fn is_currency(code: &str) -> bool {
    currency(code).is_some()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: String,
}

impl Money {
    pub fn new(minor: i64, currency: impl Into<String>) -> Self {
        Self {
            minor,
            currency: currency.into(),
        }
    }

    /// Formats for a locale: "en" (default) gives `$1,234.56`, "de" gives
    /// `1.234,56 $`, "fr" gives `1 234,56 $`.
    pub fn format(&self, locale: &str) -> String {
        let (_, digits, symbol) = currency(&self.currency).unwrap_or(("", 2, ""));
        let symbol = if symbol.is_empty() {
            self.currency.as_str()
        } else {
            symbol
        };
        let (group, decimal, symbol_after) = match locale.split(['-', '_']).next().unwrap_or("en") {
            "de" | "es" | "it" | "nl" | "pt" | "da" => (".", ",", true),
            "fr" | "sv" | "nb" | "pl" | "cs" => ("\u{202f}", ",", true),
            "ch" => ("'", ".", false),
            _ => (",", ".", false),
        };
        let negative = self.minor < 0;
        let abs = self.minor.unsigned_abs();
        let scale = 10u64.pow(digits);
        let (whole, frac) = (abs / scale, abs % scale);
        let whole = whole.to_string();
        let mut grouped = String::new();
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(ch);
        }
        let number = if digits > 0 {
            format!("{grouped}{decimal}{frac:0width$}", width = digits as usize)
        } else {
            grouped
        };
        let sign = if negative { "-" } else { "" };
        if symbol_after {
            format!("{sign}{number}\u{a0}{symbol}")
        } else {
            format!("{sign}{symbol}{number}")
        }
    }
}

/// Parses what a person types ("1,250.50", "1250,5", "1 250") into minor
/// units of `code`. The last `.` or `,` followed by at most the currency's
/// minor digits is the decimal mark; other separators group thousands.
pub fn parse_amount(raw: &str, code: &str) -> Result<i64, String> {
    let digits = currency(code)
        .map(|c| c.1)
        .ok_or_else(|| crate::tr!(money.choose_currency).to_string())?;
    let cleaned: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if cleaned.is_empty() {
        return Err(crate::tr!(money.enter_amount).into());
    }
    if cleaned.starts_with('-') {
        return Err(crate::tr!(money.above_zero).into());
    }
    if !cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(crate::tr!(money.like).into());
    }
    let (whole, frac) = match cleaned.rfind(['.', ',']) {
        Some(pos)
            if digits > 0
                && cleaned.len() - pos - 1 <= digits as usize
                && cleaned.len() - pos - 1 > 0 =>
        {
            (
                cleaned[..pos].replace(['.', ','], ""),
                cleaned[pos + 1..].to_string(),
            )
        }
        _ => (cleaned.replace(['.', ','], ""), String::new()),
    };
    if whole.is_empty() && frac.is_empty() {
        return Err(crate::tr!(money.like).into());
    }
    let scale = 10i64.pow(digits);
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole
            .parse()
            .map_err(|_| crate::tr!(money.too_large).to_string())?
    };
    let frac_value: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<width$}", width = digits as usize)
            .parse()
            .map_err(|_| crate::tr!(money.like).to_string())?
    };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(frac_value))
        .filter(|v| *v < 1_000_000_000_000_000)
        .ok_or_else(|| crate::tr!(money.too_large).to_string())
}

/// Formats minor units as a plain editable number ("1250.50").
pub fn to_input(minor: i64, code: &str) -> String {
    let digits = currency(code).map(|c| c.1).unwrap_or(2);
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10i64.pow(digits);
    format!(
        "{}.{:0width$}",
        minor / scale,
        (minor % scale).abs(),
        width = digits as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_locale() {
        assert_eq!(Money::new(123456, "USD").format("en-US"), "$1,234.56");
        assert_eq!(Money::new(123456, "EUR").format("de-DE"), "1.234,56\u{a0}€");
        assert_eq!(
            Money::new(100000000, "EUR").format("fr"),
            "1\u{202f}000\u{202f}000,00\u{a0}€"
        );
        assert_eq!(Money::new(5000, "JPY").format("en"), "¥5,000");
        assert_eq!(Money::new(-5, "USD").format("en"), "-$0.05");
    }

    #[test]
    fn parses_typed_amounts() {
        assert_eq!(parse_amount("1,250.50", "USD"), Ok(125050));
        assert_eq!(parse_amount("1.250,5", "EUR"), Ok(125050));
        assert_eq!(parse_amount("1 250", "EUR"), Ok(125000));
        assert_eq!(
            parse_amount("1,250", "USD"),
            Ok(125000),
            "three digits after a comma group thousands"
        );
        assert_eq!(parse_amount("0.05", "USD"), Ok(5));
        assert_eq!(parse_amount("5000", "JPY"), Ok(5000));
        assert!(parse_amount("", "USD").is_err());
        assert!(parse_amount("-3", "USD").is_err());
        assert!(parse_amount("12abc", "USD").is_err());
        assert!(parse_amount("99999999999999999999", "USD").is_err());
        assert!(parse_amount("10", "XXX").is_err());
        assert_eq!(to_input(125050, "USD"), "1250.50");
    }
}
