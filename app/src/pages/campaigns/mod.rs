//! Through-channel campaigns: the list, the vendor's form, the campaign page
//! (vendor results or the partner's opt-in, assets and sends) and the
//! partner's contacts with CSV import.

mod chart;
mod contacts;
mod detail;
mod form;
mod list;

pub use contacts::ContactsPage;
pub use detail::CampaignPage;
pub use form::{EditCampaignPage, NewCampaignPage};
pub use list::CampaignsPage;

use crate::tr;
use crate::types::campaign::{CampaignStatus, SendStats};
use leptos::prelude::*;

#[component]
fn StatusBadge(status: CampaignStatus) -> impl IntoView {
    let class = match status {
        CampaignStatus::Published => "badge badge-ok",
        CampaignStatus::Paused => "badge badge-wait",
        _ => "badge",
    };
    view! { <span class=class>{status.label()}</span> }
}

/// The headline numbers of a set of campaign e-mails.
#[component]
fn StatsRow(stats: SendStats) -> impl IntoView {
    let s = stats;
    let items = [
        (tr!(campaigns.sent), s.sent.to_string(), String::new()),
        (tr!(funds.delivered), s.delivered.to_string(), String::new()),
        (
            tr!(funds.opened),
            s.opened.to_string(),
            SendStats::rate(s.opened, s.delivered),
        ),
        (
            tr!(funds.clicked),
            s.clicked.to_string(),
            SendStats::rate(s.clicked, s.delivered),
        ),
        (
            tr!(funds.unsubscribed),
            s.unsubscribed.to_string(),
            String::new(),
        ),
        (
            tr!(campaigns.responded),
            s.responded.to_string(),
            SendStats::rate(s.responded, s.delivered),
        ),
        (tr!(campaigns.waiting), s.queued.to_string(), String::new()),
    ];
    view! {
        <dl class="stats">
            {items.into_iter().map(|(label, value, rate)| view! {
                <div class="stat">
                    <dt>{label}</dt>
                    <dd data-stat=label.to_lowercase()>{value}</dd>
                    {(!rate.is_empty()).then(|| view! { <dd class="muted">{rate}</dd> })}
                </div>
            }).collect_view()}
        </dl>
        {(s.failed + s.suppressed > 0).then(|| view! {
            <p class="muted">{crate::tr!(campaigns.failed_line, failed = s.failed, suppressed = s.suppressed).to_string()}</p>
        })}
    }
}
