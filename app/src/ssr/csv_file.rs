//! The one CSV writer for downloads. Cells a spreadsheet would read as a
//! formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) get a
//! leading `'`, OWASP's rule against CSV injection, so a request title typed
//! as `=HYPERLINK(…)` stays text in Excel. A cell that is a plain number
//! (`-12.50`) is left alone: spreadsheets read it as a number, not a
//! formula, and the ledger's reversals must stay negative amounts.
//! `clippy.toml` forbids `csv::Writer` everywhere else.

use crate::error::{AppError, AppResult};

#[allow(clippy::disallowed_types)]
pub struct CsvFile {
    out: csv::Writer<Vec<u8>>,
    what: &'static str,
}

impl CsvFile {
    /// A file with its header row; `what` names it in the log on failure.
    pub fn new<I, S>(what: &'static str, header: I) -> AppResult<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        #[allow(clippy::disallowed_types)]
        let mut file = Self {
            out: csv::Writer::from_writer(Vec::new()),
            what,
        };
        file.row(header)?;
        Ok(file)
    }

    pub fn row<I, S>(&mut self, cells: I) -> AppResult<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let what = self.what;
        let row: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.out.write_record(&row).map_err(|e| failed(what, e))
    }

    pub fn finish(self) -> AppResult<String> {
        let what = self.what;
        let bytes = self
            .out
            .into_inner()
            .map_err(|e| failed(what, e.into_error().into()))?;
        String::from_utf8(bytes).map_err(|_| AppError::Internal)
    }
}

fn failed(what: &str, e: csv::Error) -> AppError {
    tracing::error!(error = %e, what, "CSV download");
    AppError::Internal
}

/// The cell as a spreadsheet should read it.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && !is_plain_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// `-12`, `-12.50`, `+3`: an optional sign, digits, at most one point.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_become_text_and_numbers_stay_numbers() {
        for risky in [
            "=1+1",
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-",
            "--1",
            "-1.",
            "-.5",
        ] {
            assert_eq!(neutralise(risky), format!("'{risky}"), "{risky:?}");
        }
        for safe in ["-12.50", "+3", "-7", "0.25", "Acme", "a=b", " =1", ""] {
            assert_eq!(neutralise(safe), safe, "{safe:?}");
        }
    }

    #[test]
    fn a_file_quotes_and_neutralises_every_cell() {
        let mut file = CsvFile::new("test", ["title", "amount"]).unwrap();
        file.row(["=cmd|'/C calc'!A0, \"quoted\"", "-40.00"])
            .unwrap();
        let text = file.finish().unwrap();
        assert_eq!(
            text,
            "title,amount\n\"'=cmd|'/C calc'!A0, \"\"quoted\"\"\",-40.00\n"
        );
    }
}
