//! Co-branding workflows: vendors manage templates; partners customise them
//! into designs, submit them for approval where required, and export them.

pub mod designs;
pub mod exports;
pub mod templates;
