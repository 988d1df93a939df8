//! `/leads`: for vendor staff every lead with their queue, filters and the
//! CSV download; for a partner the offers waiting for its answer (only the
//! kind of company, where and what, until it accepts) and the leads it
//! holds.

use super::LeadStatusBadge;
use crate::api::leads::get_leads;
use crate::components::field::SelectField;
use crate::components::notice::{LoadError, Success};
use crate::components::partner_field::PartnerField;
use crate::resource::page_data;
use crate::tr;
use crate::types::deal::DealAge;
use crate::types::lead::{LeadRow, LeadStatus, LeadsPage as Page};
use crate::types::Choice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LeadsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        Filter {
            status: get("status"),
            partner: get("partner"),
            family: get("family"),
            country: get("country"),
            age: get("age"),
            after: q.get("after").and_then(|a| a.parse::<i64>().ok()),
        }
    };
    let page = page_data(filter, |f| {
        get_leads(
            Choice::parse(&f.status),
            f.partner,
            f.family,
            f.country,
            Choice::parse(&f.age),
            f.after,
        )
    });
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    let imported = Signal::derive(move || query.read().get("imported").is_some());
    view! {
        <Title text=tr!(leads.title)/>
        <Success show=saved("declined") text=tr!(leads.declined_ok)/>
        <Success show=saved("passed") text=tr!(leads.passed_ok)/>
        <Success show=imported text=tr!(leads.imported_ok)/>
        <Transition fallback=|| view! { <h1>{tr!(leads.title)}</h1><p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <h1>{tr!(leads.title)}</h1><LoadError error/> }.into_any(),
                    Ok(p) => view! { <Leads page=p filter=filter()/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The list's filters as the query string carries them.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filter {
    status: String,
    partner: String,
    family: String,
    country: String,
    age: String,
    after: Option<i64>,
}

impl Filter {
    fn query(&self) -> String {
        crate::pages::query_string(&[
            ("status", &self.status),
            ("partner", &self.partner),
            ("family", &self.family),
            ("country", &self.country),
            ("age", &self.age),
        ])
    }
}

#[component]
fn Leads(page: Page, filter: Filter) -> impl IntoView {
    let query = filter.query();
    let next = page
        .next_after
        .map(|after| format!("/leads?{query}&after={after}"));
    let export = format!("/leads/export?{query}");
    let staff = page.can_manage;
    let queued = if page.queue_more {
        format!("{}+", page.queued)
    } else {
        page.queued.to_string()
    };
    view! {
        <div class="page-head">
            <h1>{tr!(leads.title)}</h1>
            {staff.then(|| view! {
                <a class="btn btn-primary" href="/leads/new">{tr!(leads.new_lead)}</a>
                <a class="btn" href="/leads/fairness">{tr!(leads.fairness)}</a>
            })}
            {page.can_configure.then(|| view! { <a class="btn" href="/leads/settings">{tr!(leads.settings)}</a> })}
        </div>
        <p class="muted">{if staff { tr!(leads.intro_vendor) } else { tr!(leads.intro_partner) }}</p>
        {staff.then(|| view! {
            <section class="card" id="queue">
                <div class="stats">
                    <a class="stat" class:overdue={page.queued > 0} href="/leads?status=queued">
                        <span class="stat-value">{queued}</span>
                        <span class="stat-label">{tr!(leads.in_queue)}</span>
                    </a>
                    <a class="stat" href="/leads?age=overdue">
                        <span class="stat-value">"→"</span>
                        <span class="stat-label">{tr!(leads.late)}</span>
                    </a>
                </div>
            </section>
        })}
        {(!staff).then(|| view! { <Offers offers=page.offers.clone()/> })}
        <Filters page=page.clone() filter/>
        {page.items.is_empty().then(|| view! {
            <p class="card">{if staff { tr!(leads.none_yet) } else { tr!(leads.none_held) }}</p>
        })}
        <ul class="request-list" id="leads">
            {page.items.into_iter().map(|l| view! { <Line lead=l show_partner=staff/> }).collect_view()}
        </ul>
        <p class="pager">
            {next.map(|href| view! { <a class="btn" href=href>{tr!(partners.next_page)}</a> })}
            <a class="btn btn-quiet" href=export download>{tr!(leads.download_csv)}</a>
        </p>
    }
}

/// A partner's offers, the soonest to run out first.
#[component]
fn Offers(offers: Vec<LeadRow>) -> impl IntoView {
    view! {
        <section class="card" id="offers" aria-labelledby="offers-title">
            <h2 id="offers-title">{tr!(leads.offers, count = offers.len()).to_string()}</h2>
            {if offers.is_empty() {
                view! { <p class="muted">{tr!(leads.no_offers)}</p> }.into_any()
            } else {
                view! {
                    <p class="muted">{tr!(leads.offers_hint)}</p>
                    <ul class="request-list">
                        {offers.into_iter().map(|l| view! { <Line lead=l show_partner=false/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Filters(page: Page, filter: Filter) -> impl IntoView {
    let none = Signal::derive(|| None::<String>);
    let statuses: Vec<(String, String)> = LeadStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let ages: Vec<(String, String)> = DealAge::ALL
        .iter()
        .map(|a| (a.as_str().to_owned(), a.label().to_owned()))
        .collect();
    let countries = page.countries.clone();
    view! {
        <Form method="GET" action="/leads" attr:class="filters" attr:role="search">
            <SelectField id="filter-status" name="status" label=tr!(leads.status) options=statuses selected=filter.status empty=tr!(leads.any_status) error=none/>
            <SelectField id="filter-family" name="family" label=tr!(leads.product) options=page.families.clone() selected=filter.family empty=tr!(leads.any_product) error=none/>
            <SelectField id="filter-country" name="country" label=tr!(leads.country) options=countries selected=filter.country empty=tr!(leads.any_country) error=none/>
            <SelectField id="filter-age" name="age" label=tr!(leads.age) options=ages selected=filter.age empty=tr!(leads.any_age) error=none/>
            {page.can_manage.then(|| view! {
                <PartnerField id="filter-partner" name="partner" label=tr!(leads.partner) partners=page.partners.clone() all_listed=page.all_partners_listed selected=filter.partner.clone() empty=tr!(leads.any_partner) error=none/>
            })}
            <div class="filter-actions">
                <button type="submit" class="btn btn-primary">{tr!(partners.filter)}</button>
                <a class="btn btn-quiet" href="/leads">{tr!(partners.clear)}</a>
            </div>
        </Form>
    }
}

#[component]
fn Line(lead: LeadRow, show_partner: bool) -> impl IntoView {
    let title = lead.company.clone().unwrap_or_else(|| {
        [lead.segment.as_str(), lead.product.as_str()]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    });
    let title = if title.is_empty() {
        tr!(leads.a_lead).to_owned()
    } else {
        title
    };
    let when = match (&lead.due, lead.status) {
        (Some(due), LeadStatus::Offered) => tr!(leads.accept_by, date = due).to_string(),
        (Some(due), _) => tr!(leads.contact_by, date = due).to_string(),
        (None, _) => tr!(leads.came_in, date = &lead.created).to_string(),
    };
    let partner = if show_partner && !lead.partner_name.is_empty() {
        format!("{} · ", lead.partner_name)
    } else {
        String::new()
    };
    view! {
        <li>
            <a href=format!("/leads/{}", lead.id)>
                <span class="request-main">
                    <span class="request-title">{title}</span>
                    <span class="muted">{lead.place.clone()}</span>
                    <span class="muted" class:overdue=lead.overdue>{partner}{when}</span>
                </span>
                <span class="request-side">
                    {(lead.priority == crate::types::lead::LeadPriority::High).then(|| view! { <span class="status status-lead-high">{lead.priority.label()}</span> })}
                    <LeadStatusBadge status=lead.status/>
                </span>
            </a>
        </li>
    }
}
