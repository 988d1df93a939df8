//! Text fitting: wrap words into a box, shrinking the font from the slot's
//! largest size towards its smallest until the lines fit.

use super::metrics::width;
use super::model::FontWeight;

/// Sizes are tried in steps this fine (user units).
const STEP: f32 = 0.5;

#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
    /// True when even the smallest size needs more lines than the box has
    /// (or a word is wider than the box).
    pub overflow: bool,
}

/// The box a text is fitted into.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub width: f32,
    pub max_lines: u32,
    pub font_min: f32,
    pub font_max: f32,
    pub weight: FontWeight,
    /// Single-line slots treat newlines as spaces.
    pub multiline: bool,
}

/// Greedy word wrap at `size`. Returns the lines and whether some word had
/// to be broken because it is wider than the box on its own.
pub fn wrap(text: &str, frame: &Frame, size: f32) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let mut broken = false;
    let paragraphs: Vec<&str> = if frame.multiline {
        text.split('\n').collect()
    } else {
        vec![text]
    };
    for paragraph in paragraphs {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(frame.weight, &candidate, size) <= frame.width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if width(frame.weight, word, size) <= frame.width {
                line = word.to_string();
                continue;
            }
            // A word wider than the box: break it between characters.
            broken = true;
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && width(frame.weight, &next, size) > frame.width {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
        if !line.is_empty() || frame.multiline {
            lines.push(line);
        }
    }
    // Blank lines at the end take no room.
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    (lines, broken)
}

/// The largest size from `font_max` down to `font_min` at which `text` fits.
pub fn fit(text: &str, frame: &Frame) -> Fitted {
    let max_lines = frame.max_lines.max(1) as usize;
    let min = frame.font_min.min(frame.font_max);
    let mut size = frame.font_max;
    loop {
        let (lines, broken) = wrap(text, frame, size);
        if lines.len() <= max_lines && !broken {
            return Fitted {
                size,
                lines,
                overflow: false,
            };
        }
        if size - STEP < min - f32::EPSILON {
            return Fitted {
                size,
                lines,
                overflow: true,
            };
        }
        size = (size - STEP).max(min);
    }
}

/// How many of `text`'s characters fit the box at its smallest size: the
/// longest beginning of it that does. The editor's counter and the
/// overflow guardrail state this instead of the slot's character limit,
/// which wide letters can undercut.
pub fn fitting_chars(text: &str, frame: &Frame) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let max_lines = frame.max_lines.max(1) as usize;
    let min = frame.font_min.min(frame.font_max);
    let fits = |n: usize| {
        let prefix: String = chars[..n].iter().collect();
        let (lines, broken) = wrap(&prefix, frame, min);
        lines.len() <= max_lines && !broken
    };
    // A longer beginning never takes fewer lines, so the answer is the
    // boundary of a monotone test.
    let (mut fitting, mut failing) = (0, chars.len() + 1);
    while failing - fitting > 1 {
        let mid = (fitting + failing) / 2;
        if fits(mid) {
            fitting = mid;
        } else {
            failing = mid;
        }
    }
    fitting
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(width: f32, max_lines: u32, min: f32, max: f32) -> Frame {
        Frame {
            width,
            max_lines,
            font_min: min,
            font_max: max,
            weight: FontWeight::Regular,
            multiline: true,
        }
    }

    #[test]
    fn short_text_keeps_the_largest_size() {
        let f = fit("Hello", &frame(500.0, 1, 10.0, 40.0));
        assert_eq!(f.size, 40.0);
        assert_eq!(f.lines, vec!["Hello"]);
        assert!(!f.overflow);
    }

    #[test]
    fn wraps_within_the_width() {
        let fr = frame(200.0, 5, 20.0, 20.0);
        let f = fit("Fast Wi-Fi for every branch office in town", &fr);
        assert!(f.lines.len() > 1);
        for line in &f.lines {
            assert!(width(FontWeight::Regular, line, 20.0) <= 200.0, "{line}");
        }
        assert_eq!(
            f.lines.join(" "),
            "Fast Wi-Fi for every branch office in town"
        );
    }

    #[test]
    fn shrinks_before_it_overflows() {
        let fr = frame(300.0, 1, 10.0, 40.0);
        let f = fit("Book a free site survey", &fr);
        assert!(!f.overflow);
        assert!(f.size < 40.0 && f.size >= 10.0);
        assert_eq!(f.lines.len(), 1);
    }

    #[test]
    fn flags_text_that_cannot_fit() {
        let fr = frame(200.0, 2, 18.0, 24.0);
        let long = "This headline is far too long to fit in two short lines of a banner";
        let f = fit(long, &fr);
        assert!(f.overflow);
        assert_eq!(f.size, 18.0);
    }

    /// The flyer's headline box (330 wide, two lines, 22 at the smallest,
    /// bold): 48 wide capitals do not fit although the limit is 60, and the
    /// count of what fits says so.
    #[test]
    fn counts_the_characters_that_fit_at_the_smallest_size() {
        let fr = Frame {
            weight: FontWeight::Bold,
            ..frame(330.0, 2, 22.0, 34.0)
        };
        let wide = "WOW MWM WOW MWM WOW MWM WOW MWM WOW MWM WOW MWMW";
        assert_eq!(wide.chars().count(), 48);
        assert!(fit(wide, &fr).overflow);
        let fits = fitting_chars(wide, &fr);
        assert!(fits < 48, "{fits}");
        let beginning: String = wide.chars().take(fits).collect();
        assert!(!fit(&beginning, &fr).overflow);
        let one_more: String = wide.chars().take(fits + 1).collect();
        assert!(fit(&one_more, &fr).overflow);
        // Text that fits counts whole.
        assert_eq!(fitting_chars("Wi-Fi 7", &fr), 7);
    }

    #[test]
    fn breaks_a_word_wider_than_the_box_and_flags_it() {
        let fr = frame(100.0, 10, 20.0, 20.0);
        let f = fit("Supercalifragilisticexpialidocious", &fr);
        assert!(f.overflow);
        assert!(f.lines.len() > 1);
    }

    #[test]
    fn keeps_paragraphs_and_single_line_slots_join_them() {
        let fr = frame(1000.0, 3, 10.0, 10.0);
        assert_eq!(fit("One\nTwo", &fr).lines, vec!["One", "Two"]);
        let single = Frame {
            multiline: false,
            ..fr
        };
        assert_eq!(fit("One\nTwo", &single).lines, vec!["One Two"]);
    }
}
