//! sea-orm entities, one per table.

pub mod audit_event;
pub mod cobrand_design;
pub mod cobrand_design_revision;
pub mod cobrand_export;
pub mod cobrand_template;
pub mod cobrand_template_version;
pub mod invitation;
pub mod login_attempt;
pub mod mdf_allocation;
pub mod mdf_budget;
pub mod mdf_claim;
pub mod mdf_claim_file;
pub mod mdf_ledger;
pub mod mdf_request;
pub mod mdf_revenue;
pub mod organization;
pub mod password_reset;
pub mod session;
pub mod tenant;
pub mod user;
