//! Lead distribution: the vendor's leads and a partner's inbox (`list`),
//! entering and importing leads (`form`), one lead with its routing
//! decisions and what the reader may do with it (`detail`), the fairness
//! report (`fairness`) and the program's lead settings (`settings`). A
//! partner's own lead settings are a card on its page (`partner_card`).

mod detail;
mod fairness;
mod form;
mod list;
pub mod partner_card;
mod settings;

pub use detail::LeadPage;
pub use fairness::LeadFairnessPage;
pub use form::NewLeadPage;
pub use list::LeadsPage;
pub use settings::LeadSettingsPage;

use crate::types::lead::LeadStatus;
use leptos::prelude::*;

#[component]
pub fn LeadStatusBadge(status: LeadStatus) -> impl IntoView {
    view! { <span class=format!("status status-lead-{}", status.as_str())>{status.label()}</span> }
}
