//! Market development funds pages: the overview by role, the request form
//! and one request with its review and audit trail.

mod claim;
mod new_request;
mod overview;
mod request;

pub use new_request::NewRequestPage;
pub use overview::FundsPage;
pub use request::RequestPage;

use crate::types::funds::{ActivityType, RequestRow, RequestStatus};
use crate::types::money::Money;
use leptos::prelude::*;

pub fn money(minor: i64, currency: &str, locale: &str) -> String {
    Money::new(minor, currency).format(locale)
}

/// "12 leads · 80 attendees · €4,000.00 pipeline", planned or achieved.
pub fn outcome_line(
    leads: impl std::fmt::Display,
    attendees: impl std::fmt::Display,
    pipeline: String,
) -> String {
    crate::tr!(funds.outcome_line, leads, attendees, pipeline).to_string()
}

pub fn activity_options() -> Vec<(String, String)> {
    ActivityType::ALL
        .iter()
        .map(|a| (a.as_str().to_owned(), a.label().to_owned()))
        .collect()
}

#[component]
pub fn StatusBadge(status: RequestStatus) -> impl IntoView {
    view! { <span class=format!("status status-{}", status.as_str())>{status.label()}</span> }
}

/// A list of fund requests linking to their pages.
#[component]
pub fn RequestList(
    rows: Vec<RequestRow>,
    locale: String,
    #[prop(optional)] show_partner: bool,
) -> impl IntoView {
    view! {
        <ul class="request-list">
            {rows
                .into_iter()
                .map(|r| {
                    let amount = match r.approved_minor {
                        Some(a) if r.status == RequestStatus::Approved => crate::tr!(funds.amount_of, approved = money(a, &r.currency, &locale), requested = money(r.requested_minor, &r.currency, &locale)).to_string(),
                        _ => money(r.requested_minor, &r.currency, &locale),
                    };
                    view! {
                        <li>
                            <a href=format!("/funds/requests/{}", r.id)>
                                <span class="request-main">
                                    <span class="request-title">{r.title.clone()}</span>
                                    <span class="muted">
                                        {if show_partner { format!("{} · ", r.partner_name) } else { String::new() }}
                                        {crate::tr!(funds.starts_on, activity = r.activity_type.label(), date = crate::locale::date(r.starts_on)).to_string()}
                                    </span>
                                </span>
                                <span class="request-side">
                                    <span class="request-amount">{amount}</span>
                                    <StatusBadge status=r.status/>
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
