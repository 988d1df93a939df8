//! `/deals`: newest first; a partner sees its own company's registrations
//! (a distributor its resellers' too), a reviewer those of the partners
//! they see, with the decision clock of each waiting one.

use super::DealStatusBadge;
use crate::api::deals::get_deals;
use crate::components::field::SelectField;
use crate::components::notice::LoadError;
use crate::components::partner_field::PartnerField;
use crate::resource::page_data;
use crate::tr;
use crate::types::deal::{AgeCount, DealAge, DealRow, DealStatus, DealsPage as Page};
use crate::types::Choice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DealsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        Filter {
            status: get("status"),
            partner: get("partner"),
            family: get("family"),
            region: get("region"),
            age: get("age"),
            after: q.get("after").and_then(|a| a.parse::<i64>().ok()),
        }
    };
    let page = page_data(filter, |f| {
        get_deals(
            Choice::parse(&f.status),
            f.partner,
            f.family,
            Choice::parse(&f.region),
            Choice::parse(&f.age),
            f.after,
        )
    });
    view! {
        <Title text=tr!(deals.title)/>
        <Transition fallback=|| view! { <h1>{tr!(deals.title)}</h1><p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <h1>{tr!(deals.title)}</h1><LoadError error/> }.into_any(),
                    Ok(p) => view! { <Registrations page=p filter=filter()/> }.into_any(),
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
    region: String,
    age: String,
    after: Option<i64>,
}

impl Filter {
    /// The query string of these filters (without the page).
    fn query(&self) -> String {
        crate::pages::query_string(&[
            ("status", &self.status),
            ("partner", &self.partner),
            ("family", &self.family),
            ("region", &self.region),
            ("age", &self.age),
        ])
    }
}

#[component]
fn Registrations(page: Page, filter: Filter) -> impl IntoView {
    let query = filter.query();
    let next = page
        .next_after
        .map(|after| format!("/deals?{query}&after={after}"));
    let export = format!("/deals/export?{query}");
    let show_partner = page.can_review;
    view! {
        <div class="page-head">
            <h1>{tr!(deals.title)}</h1>
            {page.can_register.then(|| view! { <a class="btn btn-primary" href="/deals/new">{tr!(deals.register)}</a> })}
            {page.can_configure.then(|| view! { <a class="btn" href="/deals/accounts">{tr!(deals.accounts_title)}</a> })}
        </div>
        <p class="muted">{if page.can_review { tr!(deals.intro_reviewer) } else { tr!(deals.intro_partner) }}</p>
        {page.can_review.then(|| view! { <Ages ages=page.ages.clone()/> })}
        <Filters page=page.clone() filter/>
        {page.items.is_empty().then(|| view! {
            <p class="card">{if page.can_register { tr!(deals.none_yet_partner) } else { tr!(deals.none_yet) }}</p>
        })}
        <ul class="request-list" id="deals">
            {page.items.into_iter().map(|d| view! { <Line deal=d show_partner/> }).collect_view()}
        </ul>
        <p class="pager">
            {next.map(|href| view! { <a class="btn" href=href>{tr!(partners.next_page)}</a> })}
            <a class="btn btn-quiet" href=export download>{tr!(deals.download_csv)}</a>
        </p>
    }
}

#[component]
fn Filters(page: Page, filter: Filter) -> impl IntoView {
    let none = Signal::derive(|| None::<String>);
    let statuses: Vec<(String, String)> = DealStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let ages: Vec<(String, String)> = DealAge::ALL
        .iter()
        .map(|a| (a.as_str().to_owned(), a.label().to_owned()))
        .collect();
    view! {
        <Form method="GET" action="/deals" attr:class="filters" attr:role="search">
            <SelectField id="filter-status" name="status" label=tr!(deals.status) options=statuses selected=filter.status empty=tr!(deals.any_status) error=none/>
            <SelectField id="filter-family" name="family" label=tr!(deals.product_family) options=page.families.clone() selected=filter.family empty=tr!(deals.any_family) error=none/>
            {page.can_review.then(|| view! {
                <SelectField id="filter-region" name="region" label=tr!(partners.region) options=crate::pages::partners::region_options() selected=filter.region.clone() empty=tr!(deals.any_region) error=none/>
                <SelectField id="filter-age" name="age" label=tr!(deals.waiting) options=ages selected=filter.age.clone() empty=tr!(deals.any_age) error=none/>
                <PartnerField id="filter-partner" name="partner" label=tr!(deals.partner) partners=page.partners.clone() all_listed=page.all_partners_listed selected=filter.partner.clone() empty=tr!(deals.any_partner) error=none/>
            })}
            <div class="filter-actions">
                <button type="submit" class="btn btn-primary">{tr!(partners.filter)}</button>
                <a class="btn btn-quiet" href="/deals">{tr!(partners.clear)}</a>
            </div>
        </Form>
    }
}

/// The reviewers' waiting queue by age, each band one tap from its list.
#[component]
fn Ages(ages: Vec<AgeCount>) -> impl IntoView {
    view! {
        <section class="card" id="ages" aria-labelledby="ages-title">
            <h2 id="ages-title">{tr!(deals.waiting_by_age)}</h2>
            <div class="stats">
                {ages.into_iter().map(|a| {
                    let count = if a.more { format!("{}+", a.count) } else { a.count.to_string() };
                    view! {
                        <a class="stat" class:overdue={a.age == DealAge::Overdue && a.count > 0} href=format!("/deals?age={}", a.age.as_str())>
                            <span class="stat-value">{count}</span>
                            <span class="stat-label">{a.age.label()}</span>
                        </a>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn Line(deal: DealRow, show_partner: bool) -> impl IntoView {
    let when = match (&deal.due, deal.overdue) {
        (Some(due), true) => tr!(deals.decision_overdue, date = due).to_string(),
        (Some(due), false) => tr!(deals.decision_due, date = due).to_string(),
        (None, _) if deal.submitted.is_empty() => tr!(deals.not_sent).to_owned(),
        (None, _) => tr!(deals.sent_on, date = &deal.submitted).to_string(),
    };
    let partner = if show_partner {
        format!("{} · ", deal.partner_name)
    } else {
        String::new()
    };
    view! {
        <li>
            <a href=format!("/deals/{}", deal.id)>
                <span class="request-main">
                    <span class="request-title">{deal.customer_name.clone()}</span>
                    <span class="muted" class:overdue=deal.overdue>{partner}{when}</span>
                </span>
                <span class="request-side">
                    <span class="request-amount">{deal.amount.clone()}</span>
                    <DealStatusBadge status=deal.status/>
                </span>
            </a>
        </li>
    }
}
