//! Deal registration: the list (a partner's own registrations, a
//! reviewer's queue), the registration form, and one registration with the
//! reviewer's decision and each conflict beside it; the form warns of a
//! taken customer while the partner types (`customer_check`).

mod accounts;
mod customer_check;
mod detail;
mod files;
mod form;
mod list;

pub use accounts::NamedAccountsPage;
pub use detail::DealPage;
pub use form::{EditDealPage, NewDealPage};
pub use list::DealsPage;

use crate::types::deal::DealStatus;
use leptos::prelude::*;

#[component]
pub fn DealStatusBadge(status: DealStatus) -> impl IntoView {
    view! { <span class=format!("status status-{}", status.as_str())>{status.label()}</span> }
}
