//! `/leads/fairness`: per partner, the leads offered against its tier's
//! weight, how many it accepted and how fast, declined or let run out, and
//! how many became registrations and won deals.

use crate::api::leads::get_lead_fairness;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::tr;
use crate::types::lead::FairnessReport;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LeadFairnessPage() -> impl IntoView {
    let query = use_query_map();
    let days = move || {
        query
            .read()
            .get("days")
            .and_then(|d| d.parse::<u32>().ok())
            .unwrap_or(90)
    };
    let report = page_data(days, get_lead_fairness);
    view! {
        <Title text=tr!(leads.fairness)/>
        <p><a href="/leads">{tr!(leads.back)}</a></p>
        <h1>{tr!(leads.fairness)}</h1>
        <p class="muted">{tr!(leads.fairness_intro)}</p>
        <Transition fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(r) => view! { <Report report=r/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A percentage as the language writes it, kept on one line.
fn share(pct: f64) -> String {
    format!("{}\u{a0}%", crate::locale::decimal(pct, 1))
}

#[component]
fn Report(report: FairnessReport) -> impl IntoView {
    let period = report.days;
    view! {
        <nav class="forum-tabs" aria-label=tr!(leads.period)>
            {[30u32, 90, 365].into_iter().map(|d| view! {
                <a href=format!("/leads/fairness?days={d}") aria-current=(d == period).then_some("page")>
                    {tr!(leads.last_days, count = d).to_string()}
                </a>
            }).collect_view()}
        </nav>
        <section class="card">
            <p>{tr!(leads.offered_total, count = report.total_offered).to_string()}</p>
            {report.rows.is_empty().then(|| view! { <p class="muted">{tr!(leads.no_offers_yet)}</p> })}
            {(!report.rows.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0">
                    <table class="fairness">
                        <thead><tr>
                            <th scope="col">{tr!(leads.partner)}</th>
                            <th scope="col">{tr!(leads.weight)}</th>
                            <th scope="col">{tr!(leads.offered)}</th>
                            <th scope="col">{tr!(leads.accepted)}</th>
                            <th scope="col">{tr!(leads.hours_to_accept)}</th>
                            <th scope="col">{tr!(leads.declined)}</th>
                            <th scope="col">{tr!(leads.converted)}</th>
                            <th scope="col">{tr!(leads.won)}</th>
                        </tr></thead>
                        <tbody>
                            {report.rows.iter().map(|r| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/leads?partner={}", r.partner_id)>{r.partner.clone()}</a></th>
                                    <td>{r.tier_weight}<br/><span class="muted">{share(r.weight_share_pct)}</span></td>
                                    <td>{r.offered}<br/><span class="muted">{share(r.offer_share_pct)}</span></td>
                                    <td>{r.accepted}<br/><span class="muted">{share(r.acceptance_pct)}</span></td>
                                    <td class="nowrap">{r.hours_to_accept.map_or_else(|| "—".to_owned(), |h| format!("{} h", crate::locale::decimal(h, 1)))}</td>
                                    <td>{format!("{} / {}", r.declined, r.expired)}</td>
                                    <td>{r.converted}</td>
                                    <td>{r.won}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {report.truncated.then(|| view! { <p class="muted">{tr!(leads.report_truncated)}</p> })}
        </section>
    }
}
