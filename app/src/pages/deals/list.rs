//! `/deals`: newest first; a partner sees its own company's registrations
//! (a distributor its resellers' too), a reviewer those of the partners
//! they see, with the decision clock of each waiting one.

use super::DealStatusBadge;
use crate::api::deals::get_deals;
use crate::components::field::SelectField;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::tr;
use crate::types::deal::{DealRow, DealStatus, DealsPage as Page};
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
        (
            q.get("status").unwrap_or_default(),
            q.get("after").and_then(|a| a.parse::<i64>().ok()),
        )
    };
    let page = page_data(filter, |(status, after)| {
        get_deals(Choice::parse(&status), after)
    });
    view! {
        <Title text=tr!(deals.title)/>
        <Transition fallback=|| view! { <h1>{tr!(deals.title)}</h1><p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <h1>{tr!(deals.title)}</h1><LoadError error/> }.into_any(),
                    Ok(p) => view! { <Registrations page=p status=filter().0/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Registrations(page: Page, status: String) -> impl IntoView {
    let none = Signal::derive(|| None::<String>);
    let statuses: Vec<(String, String)> = DealStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let next = page
        .next_after
        .map(|after| format!("/deals?status={status}&after={after}"));
    let show_partner = page.can_review;
    view! {
        <div class="page-head">
            <h1>{tr!(deals.title)}</h1>
            {page.can_register.then(|| view! { <a class="btn btn-primary" href="/deals/new">{tr!(deals.register)}</a> })}
        </div>
        <p class="muted">{if page.can_review { tr!(deals.intro_reviewer) } else { tr!(deals.intro_partner) }}</p>
        <Form method="GET" action="/deals" attr:class="filters" attr:role="search">
            <SelectField id="filter-status" name="status" label=tr!(deals.status) options=statuses selected=status empty=tr!(deals.any_status) error=none/>
            <div class="filter-actions">
                <button type="submit" class="btn btn-primary">{tr!(partners.filter)}</button>
                <a class="btn btn-quiet" href="/deals">{tr!(partners.clear)}</a>
            </div>
        </Form>
        {page.items.is_empty().then(|| view! {
            <p class="card">{if page.can_register { tr!(deals.none_yet_partner) } else { tr!(deals.none_yet) }}</p>
        })}
        <ul class="request-list" id="deals">
            {page.items.into_iter().map(|d| view! { <Line deal=d show_partner/> }).collect_view()}
        </ul>
        {next.map(|href| view! { <p class="pager"><a class="btn" href=href>{tr!(partners.next_page)}</a></p> })}
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
