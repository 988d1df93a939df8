//! `/leads/{id}`: one lead. A partner offered it sees the kind of company,
//! where and what, and accepts or declines; once it accepts, who the lead
//! is, the first-contact clock, and the way to a deal registration. Vendor
//! staff see everything, every routing decision with the candidates it
//! weighed, and route or close it; a distributor passes it on.

use super::LeadStatusBadge;
use crate::api::leads::{
    get_lead, AcceptLead, CloseLead, DeclineLead, MarkLeadContacted, PassLead, RouteLead,
};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::partner_field::PartnerField;
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::lead::{Candidate, DeclineReason, LeadDetail, RoutingView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page's forms, created by the page so that a change reloads it.
#[derive(Clone, Copy)]
struct Actions {
    accept: ServerAction<AcceptLead>,
    decline: ServerAction<DeclineLead>,
    contacted: ServerAction<MarkLeadContacted>,
    pass: ServerAction<PassLead>,
    route: ServerAction<RouteLead>,
    close: ServerAction<CloseLead>,
}

#[component]
pub fn LeadPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let actions = Actions {
        accept: ServerAction::new(),
        decline: ServerAction::new(),
        contacted: ServerAction::new(),
        pass: ServerAction::new(),
        route: ServerAction::new(),
        close: ServerAction::new(),
    };
    let id = move || {
        (
            params.read().get("id").and_then(|v| v.parse::<i64>().ok()),
            actions.accept.version().get(),
            actions.contacted.version().get(),
            actions.route.version().get(),
            actions.close.version().get(),
        )
    };
    let lead = page_data(id, |(id, ..)| async move {
        match id {
            Some(id) => get_lead(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Title text=tr!(leads.lead)/>
        <p><a href="/leads">{tr!(leads.back)}</a></p>
        <Success show=saved("created") text=tr!(leads.created_ok)/>
        <Success show=saved("accepted") text=tr!(leads.accepted_ok)/>
        <Success show=saved("contacted") text=tr!(leads.contacted_ok)/>
        <Success show=saved("routed") text=tr!(leads.routed_ok)/>
        <Success show=saved("closed") text=tr!(leads.closed_ok)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match lead.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(l) => view! { <Lead lead=l actions/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Lead(lead: LeadDetail, actions: Actions) -> impl IntoView {
    let title = lead
        .company
        .clone()
        .unwrap_or_else(|| tr!(leads.a_lead).to_owned());
    let place = [
        lead.city.clone().unwrap_or_default(),
        lead.postcode.clone().unwrap_or_default(),
        lead.region.clone(),
        lead.country_name.clone(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let mut facts = vec![
        (tr!(leads.segment), lead.segment.clone()),
        (tr!(leads.place), place),
        (tr!(leads.product), lead.product.clone()),
        (tr!(leads.certification), lead.certification.clone()),
        (tr!(leads.priority), lead.priority.label().to_owned()),
        (tr!(leads.source), lead.source.label().to_owned()),
    ];
    if let Some(p) = &lead.partner_name {
        facts.push((tr!(leads.partner), p.clone()));
    }
    let contact = [
        lead.contact_name.clone(),
        lead.contact_email.clone(),
        lead.contact_phone.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    if !contact.is_empty() {
        facts.push((tr!(leads.contact), contact));
    }
    facts.retain(|(_, v)| !v.is_empty());
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <LeadStatusBadge status=lead.status/>
        </div>
        <Clock lead=lead.clone()/>
        {lead.company.is_none().then(|| view! { <p class="notice notice-info" id="masked">{tr!(leads.masked)}</p> })}
        <div class="grid">
            <section class="card">
                <h2>{tr!(leads.about)}</h2>
                <dl class="facts">{facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
                {lead.notes.clone().filter(|n| !n.is_empty()).map(|n| view! { <h3>{tr!(leads.notes)}</h3><p class="prewrap">{n}</p> })}
                {lead.deal_id.map(|d| view! { <p><a class="btn" href=format!("/deals/{d}")>{tr!(leads.open_deal)}</a></p> })}
            </section>
            <Answer lead=lead.clone() actions/>
            <Work lead=lead.clone() actions/>
            {(!lead.routings.is_empty()).then(|| view! { <Routings routings=lead.routings.clone()/> })}
            {lead.may.pass.then(|| view! { <Pass lead=lead.clone() action=actions.pass/> })}
            {lead.may.route.then(|| view! { <Route lead=lead.clone() action=actions.route/> })}
            {lead.may.close.then(|| view! { <Close lead=lead.clone() action=actions.close/> })}
        </div>
    }
}

/// When the offer runs out, or first contact is due.
#[component]
fn Clock(lead: LeadDetail) -> impl IntoView {
    let text = match (&lead.accept_due, &lead.contact_due, lead.overdue) {
        (Some(d), _, true) => tr!(leads.accept_overdue, date = d).to_string(),
        (Some(d), _, false) => tr!(leads.accept_by, date = d).to_string(),
        (None, Some(d), true) => tr!(leads.contact_overdue, date = d).to_string(),
        (None, Some(d), false) => tr!(leads.contact_by, date = d).to_string(),
        _ => return ().into_any(),
    };
    view! { <p class="notice" class:notice-warn=lead.overdue class:notice-info=!lead.overdue id="clock">{text}</p> }
        .into_any()
}

/// Accept, or decline with a reason.
#[component]
fn Answer(lead: LeadDetail, actions: Actions) -> impl IntoView {
    if !lead.may.accept {
        return ().into_any();
    }
    let error = action_error(actions.accept);
    let declined = action_error(actions.decline);
    let reasons: Vec<(String, String)> = DeclineReason::given()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect();
    view! {
        <section class="card" id="answer">
            <h2>{tr!(leads.your_answer)}</h2>
            <FormError error/>
            <ServerForm action=actions.accept>
                <input type="hidden" name="id" value=lead.id/>
                <input type="hidden" name="version" value=lead.version/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || actions.accept.pending().get()>{tr!(leads.accept)}</button>
            </ServerForm>
            <h3>{tr!(leads.decline)}</h3>
            <FormError error=declined/>
            <ServerForm action=actions.decline attr:novalidate=true>
                <input type="hidden" name="id" value=lead.id/>
                <input type="hidden" name="version" value=lead.version/>
                <SelectField id="f-decline-reason" name="reason" label=tr!(leads.decline_reason) options=reasons selected=kept(declined, "reason") empty=tr!(partners.choose) error=field_error(declined, "reason")/>
                <TextField id="f-decline-note" name="note" label=tr!(leads.note) multiline=true value=kept(declined, "note") error=field_error(declined, "note")/>
                <button type="submit" class="btn btn-danger" disabled=move || actions.decline.pending().get()>{tr!(leads.decline)}</button>
            </ServerForm>
        </section>
    }
    .into_any()
}

/// Record the first contact; turn it into a deal registration.
#[component]
fn Work(lead: LeadDetail, actions: Actions) -> impl IntoView {
    if !(lead.may.contacted || lead.may.convert) {
        return ().into_any();
    }
    let error = action_error(actions.contacted);
    view! {
        <section class="card" id="work">
            <h2>{tr!(leads.work_it)}</h2>
            {lead.contacted.clone().map(|c| view! { <p class="muted">{tr!(leads.contacted_on, date = &c).to_string()}</p> })}
            <FormError error/>
            {lead.may.contacted.then(|| view! {
                <ServerForm action=actions.contacted>
                    <input type="hidden" name="id" value=lead.id/>
                    <input type="hidden" name="version" value=lead.version/>
                    <button type="submit" class="btn" disabled=move || actions.contacted.pending().get()>{tr!(leads.mark_contacted)}</button>
                </ServerForm>
            })}
            {lead.may.convert.then(|| view! {
                <p><a class="btn btn-primary" id="convert" href=format!("/deals/new?lead={}", lead.id)>{tr!(leads.convert)}</a></p>
                <p class="muted">{tr!(leads.convert_hint)}</p>
            })}
        </section>
    }
    .into_any()
}

/// A distributor passes the lead to one of its resellers.
#[component]
fn Pass(lead: LeadDetail, action: ServerAction<PassLead>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card" id="pass">
            <h2>{tr!(leads.pass)}</h2>
            <p class="muted">{tr!(leads.pass_hint)}</p>
            <FormError error/>
            <ServerForm action attr:novalidate=true>
                <input type="hidden" name="id" value=lead.id/>
                <input type="hidden" name="version" value=lead.version/>
                <SelectField id="f-pass-reseller" name="reseller" label=tr!(leads.reseller) options=lead.resellers.clone() selected=kept(error, "reseller") empty=tr!(partners.choose) error=field_error(error, "reseller")/>
                <TextField id="f-pass-note" name="note" label=tr!(leads.note) multiline=true value=kept(error, "note") error=field_error(error, "note")/>
                <button type="submit" class="btn" disabled=move || action.pending().get()>{tr!(leads.pass)}</button>
            </ServerForm>
        </section>
    }
}

/// Vendor staff route it now: automatically, or to a partner they choose.
#[component]
fn Route(lead: LeadDetail, action: ServerAction<RouteLead>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card" id="route">
            <h2>{tr!(leads.route)}</h2>
            <p class="muted">{tr!(leads.route_hint)}</p>
            <FormError error/>
            <ServerForm action attr:novalidate=true>
                <input type="hidden" name="id" value=lead.id/>
                <input type="hidden" name="version" value=lead.version/>
                <PartnerField id="f-route-partner" name="partner" label=tr!(leads.route_to) partners=lead.partners.clone() all_listed=lead.all_partners_listed
                    selected=kept(error, "partner") empty=tr!(leads.route_automatically) error=field_error(error, "partner")/>
                <TextField id="f-route-note" name="note" label=tr!(leads.note) multiline=true value=kept(error, "note") error=field_error(error, "note")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(leads.route_now)}</button>
            </ServerForm>
        </section>
    }
}

#[component]
fn Close(lead: LeadDetail, action: ServerAction<CloseLead>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card" id="close">
            <h2>{tr!(leads.close)}</h2>
            <FormError error/>
            <ServerForm action attr:novalidate=true>
                <input type="hidden" name="id" value=lead.id/>
                <input type="hidden" name="version" value=lead.version/>
                <TextField id="f-close-note" name="note" label=tr!(leads.close_why) multiline=true value=kept(error, "note") error=field_error(error, "note")/>
                <button type="submit" class="btn btn-danger" disabled=move || action.pending().get()>{tr!(leads.close)}</button>
            </ServerForm>
        </section>
    }
}

/// Every routing decision, with its reason and (for vendor staff) the
/// candidates it weighed.
#[component]
fn Routings(routings: Vec<RoutingView>) -> impl IntoView {
    view! {
        <section class="card" id="routings">
            <h2>{tr!(leads.routing_history)}</h2>
            <ol class="audit">
                {routings.into_iter().map(|r| view! {
                    <li>
                        <span class="audit-what">{format!("{} — {}", r.kind.label(), r.partner.clone().unwrap_or_default())}</span>
                        <span class="audit-what">{r.reason.clone()}</span>
                        <span class="muted">{format!("{} · {}", r.who, r.at)}</span>
                        {(!r.candidates.is_empty()).then(|| view! { <Candidates candidates=r.candidates.clone()/> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Candidates(candidates: Vec<Candidate>) -> impl IntoView {
    view! {
        <details class="candidates">
            <summary>{tr!(leads.candidates, count = candidates.len()).to_string()}</summary>
            <div class="table-scroll" tabindex="0">
                <table>
                    <thead><tr>
                        <th scope="col">{tr!(leads.partner)}</th>
                        <th scope="col">{tr!(leads.nearness)}</th>
                        <th scope="col">{tr!(leads.weight)}</th>
                        <th scope="col">{tr!(leads.acceptance)}</th>
                        <th scope="col">{tr!(leads.free)}</th>
                        <th scope="col">{tr!(leads.score)}</th>
                    </tr></thead>
                    <tbody>
                        {candidates.into_iter().map(|c| view! {
                            <tr>
                                <th scope="row">{c.name.clone()}</th>
                                <td>{c.nearness.map(|n| n.label().to_owned()).unwrap_or_else(|| "—".into())}{c.distance_km.map(|k| format!(" ({k} km)"))}</td>
                                <td>{c.tier_weight}</td>
                                <td>{format!("{} %", c.acceptance_pct)}</td>
                                <td>{c.free_capacity.map_or_else(|| "∞".to_owned(), |f| f.to_string())}</td>
                                <td>{match c.excluded { Some(x) => x.label().to_owned(), None => crate::locale::decimal(c.score, 2) }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
