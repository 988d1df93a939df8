//! Advance widths of the bundled font (DejaVu Sans, regular and bold), so the
//! browser and the server break lines at the same places without loading the
//! font file into the wasm bundle.

use super::metrics_table::{BOLD, REGULAR, UNITS_PER_EM};
use super::model::FontWeight;

fn table(weight: FontWeight) -> &'static [(u32, u16)] {
    match weight {
        FontWeight::Regular => REGULAR,
        FontWeight::Bold => BOLD,
    }
}

/// Advance of one character in font units, `None` when the font lacks it.
pub fn advance(weight: FontWeight, c: char) -> Option<u16> {
    let t = table(weight);
    t.binary_search_by_key(&(c as u32), |(cp, _)| *cp)
        .ok()
        .map(|i| t[i].1)
}

/// Whether the bundled font can draw `c` (newlines and tabs count as space).
pub fn supports(c: char) -> bool {
    c == '\n' || c == '\t' || advance(FontWeight::Regular, c).is_some()
}

/// Width of `text` at `size` user units. Characters the font lacks count as
/// an em-wide box, which over- rather than under-estimates.
pub fn width(weight: FontWeight, text: &str, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| advance(weight, c).unwrap_or(UNITS_PER_EM) as u32)
        .sum();
    units as f32 * size / UNITS_PER_EM as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_covers_latin() {
        for t in [REGULAR, BOLD] {
            assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
        }
        for c in "AZaz09 €éßŁ–“”…".chars() {
            assert!(supports(c), "{c}");
        }
        assert!(!supports('漢'));
    }

    #[test]
    fn bold_is_wider_and_width_scales() {
        let regular = width(FontWeight::Regular, "Partner", 10.0);
        let bold = width(FontWeight::Bold, "Partner", 10.0);
        assert!(bold > regular);
        let double = width(FontWeight::Regular, "Partner", 20.0);
        assert!((double - 2.0 * regular).abs() < 0.001);
    }
}
