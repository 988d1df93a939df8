//! Partner revenue: where a figure came from, the period it covers, and
//! exchange rates with the conversion that makes a total in the program's
//! currency exact and reproducible (integers only, one rounding rule).

use serde::{Deserialize, Serialize};

string_enum!(
    /// Where a revenue figure came from: typed in by vendor staff, imported
    /// as CSV, or a registered deal marked won (which counts once: its
    /// figure is keyed by the deal).
    RevenueSource in revenue_source {
        Entered => ("entered", entered),
        Imported => ("imported", imported),
        WonDeal => ("won_deal", won_deal),
    }
);

/// The months or quarter a revenue figure covers: `2027-01` or `2027-Q1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
}

impl Period {
    /// Reads `2027-01` or `2027-q1` (any case, spaces around ignored).
    pub fn parse(raw: &str) -> Option<Self> {
        let p = raw.trim().to_uppercase();
        let (year, rest) = p.split_once('-')?;
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        match rest.strip_prefix('Q') {
            Some(q) => match q {
                "1" | "2" | "3" | "4" => Some(Period::Quarter {
                    year,
                    quarter: q.parse().ok()?,
                }),
                _ => None,
            },
            None if rest.len() == 2 => {
                let month: u32 = rest.parse().ok()?;
                (1..=12)
                    .contains(&month)
                    .then_some(Period::Month { year, month })
            }
            None => None,
        }
    }

    /// The quarter `day` falls in.
    pub fn quarter_of(day: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        Period::Quarter {
            year: day.year(),
            quarter: day.month0() / 3 + 1,
        }
    }

    /// The quarter before this period's quarter.
    pub fn previous_quarter(self) -> Self {
        let (year, month) = self.first_month();
        let quarter = (month - 1) / 3 + 1;
        if quarter == 1 {
            Period::Quarter {
                year: year - 1,
                quarter: 4,
            }
        } else {
            Period::Quarter {
                year,
                quarter: quarter - 1,
            }
        }
    }

    /// The first day of the period, as `(year, month, 1)`: the day whose
    /// exchange rate converts the period's figures.
    pub fn first_month(self) -> (i32, u32) {
        match self {
            Period::Month { year, month } => (year, month),
            Period::Quarter { year, quarter } => (year, quarter * 3 - 2),
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
        }
    }
}

/// How many units of the program's currency one unit of another currency
/// is worth, in billionths: 1 EUR = 1.0832 USD is `1_083_200_000`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate(pub i64);

impl Rate {
    pub const SCALE: i64 = 1_000_000_000;
    /// Up to nine decimals, as banks quote.
    const DECIMALS: usize = 9;

    /// Reads a rate as people type it: `1.0832` or `1,0832`, more than zero,
    /// at most nine decimals, below one million.
    pub fn parse(raw: &str) -> Option<Self> {
        let t = raw.trim().replace(',', ".");
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() && frac.is_empty()
            || !digits(whole)
            || !digits(frac)
            || frac.len() > Self::DECIMALS
            || whole.len() > 6
        {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let frac: i64 = format!("{frac:0<width$}", width = Self::DECIMALS)
            .parse()
            .ok()?;
        let rate = whole * Self::SCALE + frac;
        (rate > 0).then_some(Rate(rate))
    }

    /// The rate as typed back ("1.0832"): no trailing zeros.
    pub fn to_input(self) -> String {
        let whole = self.0 / Self::SCALE;
        let frac = format!("{:09}", self.0 % Self::SCALE);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{frac}")
        }
    }

    /// `amount_minor` (in a currency with `from_digits` minor digits)
    /// converted to minor units of the program's currency (`to_digits`),
    /// rounded half away from zero. Integers throughout, so the same figures
    /// and rate give the same total on every machine, every time.
    pub fn convert(self, amount_minor: i64, from_digits: u32, to_digits: u32) -> i64 {
        let mut numerator = i128::from(amount_minor) * i128::from(self.0);
        let mut denominator = i128::from(Self::SCALE);
        if to_digits >= from_digits {
            numerator *= 10i128.pow(to_digits - from_digits);
        } else {
            denominator *= 10i128.pow(from_digits - to_digits);
        }
        let half = denominator / 2;
        let rounded = if numerator >= 0 {
            (numerator + half) / denominator
        } else {
            (numerator - half) / denominator
        };
        i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
    }
}

/// One exchange rate as the revenue page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateRow {
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
    /// As typed back: "1.0832".
    pub rate: String,
}

/// A period's revenue in one currency, and in the program's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodTotal {
    pub period: String,
    pub figures: u64,
    pub amount: super::money::Money,
    /// None when no rate of the currency holds on the period's first day.
    pub in_program: Option<super::money::Money>,
}

/// One figure of the ledger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureRow {
    pub partner_id: i64,
    pub partner_name: String,
    pub period: String,
    pub source: RevenueSource,
    pub amount: super::money::Money,
}

/// The revenue page: the program's currency and rates, totals of the
/// latest periods, and the latest figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevenuePage {
    pub currency: String,
    pub rates: Vec<RateRow>,
    pub totals: Vec<PeriodTotal>,
    pub figures: Vec<FigureRow>,
    /// The reader may set exchange rates.
    pub can_set_rates: bool,
    /// Currencies a rate can be set for (all but the program's).
    pub currencies: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_found_from_a_day_and_step_back_over_the_year() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let q = |year, quarter| Period::Quarter { year, quarter };
        assert_eq!(Period::quarter_of(day(2026, 12, 7)), q(2026, 4));
        assert_eq!(Period::quarter_of(day(2027, 1, 1)), q(2027, 1));
        assert_eq!(Period::quarter_of(day(2027, 6, 30)), q(2027, 2));
        assert_eq!(q(2027, 1).previous_quarter(), q(2026, 4));
        assert_eq!(q(2026, 4).previous_quarter(), q(2026, 3));
        let month = Period::Month {
            year: 2027,
            month: 5,
        };
        assert_eq!(month.previous_quarter(), q(2027, 1));
    }

    #[test]
    fn periods_read_as_typed_and_start_on_their_first_month() {
        assert_eq!(
            Period::parse(" 2027-q2 "),
            Some(Period::Quarter {
                year: 2027,
                quarter: 2
            })
        );
        assert_eq!(Period::parse("2027-02").unwrap().to_string(), "2027-02");
        assert_eq!(Period::parse("2027-Q4").unwrap().first_month(), (2027, 10));
        for bad in ["2027-13", "27-01", "2027-Q5", "2027", "january", "2027-1"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn rates_read_with_either_decimal_mark() {
        assert_eq!(Rate::parse("1.0832"), Some(Rate(1_083_200_000)));
        assert_eq!(Rate::parse("1,0832"), Some(Rate(1_083_200_000)));
        assert_eq!(Rate::parse("0.006711"), Some(Rate(6_711_000)));
        assert_eq!(Rate::parse("150"), Some(Rate(150_000_000_000)));
        assert_eq!(Rate::parse("1.0832").unwrap().to_input(), "1.0832");
        assert_eq!(Rate::parse("150").unwrap().to_input(), "150");
        for bad in [
            "",
            "0",
            "0.000",
            "-1",
            "1.2.3",
            "1.0000000001",
            "abc",
            "1234567",
        ] {
            assert_eq!(Rate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn conversion_is_exact_and_rounds_half_away_from_zero() {
        let eur = Rate::parse("1.0832").unwrap();
        // 1,000.00 EUR is 1,083.20 USD.
        assert_eq!(eur.convert(100_000, 2, 2), 108_320);
        // 0.05 EUR is 0.05416 USD: 0.05.
        assert_eq!(eur.convert(5, 2, 2), 5);
        // Half a cent rounds up: 1 cent at 1.5 is 1.5 cents, so 2.
        assert_eq!(Rate::parse("1.5").unwrap().convert(1, 2, 2), 2);
        assert_eq!(Rate::parse("1.5").unwrap().convert(-1, 2, 2), -2);
        // Yen (no minor digits) into dollars (two): 10,000 JPY at 0.006711.
        assert_eq!(
            Rate::parse("0.006711").unwrap().convert(10_000, 0, 2),
            6_711
        );
        // Dollars into yen: 67.11 USD at 149.0 is 9,999.39 JPY: 9,999.
        assert_eq!(Rate::parse("149").unwrap().convert(6_711, 2, 0), 9_999);
        // Large figures do not overflow on the way.
        assert_eq!(
            Rate::parse("1").unwrap().convert(i64::MAX / 2, 2, 2),
            i64::MAX / 2
        );
    }
}
