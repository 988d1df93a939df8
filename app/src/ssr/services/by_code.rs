//! A program's own list of named things kept by a fixed code (its tiers,
//! its partner types): partners and audiences store the code, pages show
//! the name in the reader's language.

use crate::locale::Locale;
use crate::types::tier::CodeName;

/// A row with a fixed code and a name published in two languages.
pub trait Coded {
    fn code(&self) -> &str;
    fn name_for(&self, reader: Locale) -> String;
}

/// The program's rows of one kind, in its order.
#[derive(Clone, Debug)]
pub struct ByCode<M>(pub(crate) Vec<M>);

impl<M> Default for ByCode<M> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<M: Coded> ByCode<M> {
    pub(crate) fn find(&self, code: &str) -> Option<&M> {
        self.0.iter().find(|m| m.code() == code)
    }

    pub fn knows(&self, code: &str) -> bool {
        self.find(code).is_some()
    }

    /// The name in `reader`'s language; an unknown code as it is.
    pub fn name(&self, code: &str, reader: Locale) -> String {
        self.find(code)
            .map_or_else(|| code.to_owned(), |m| m.name_for(reader))
    }

    /// A partner's tier or type as cards show it.
    pub fn tag(&self, code: Option<&str>, reader: Locale) -> Option<CodeName> {
        let code = code.filter(|c| !c.is_empty())?;
        Some(CodeName {
            code: code.to_owned(),
            name: self.name(code, reader),
        })
    }

    /// (code, name) for a select or checkboxes, in the program's order.
    pub fn options(&self, reader: Locale) -> Vec<(String, String)> {
        self.0
            .iter()
            .map(|m| (m.code().to_owned(), m.name_for(reader)))
            .collect()
    }

    /// Codes in the program's order (the order lists and charts use).
    pub fn codes(&self) -> Vec<&str> {
        self.0.iter().map(Coded::code).collect()
    }
}
