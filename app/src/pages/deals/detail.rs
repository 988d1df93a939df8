//! `/deals/:id`: one registration, its lines and history; for the partner
//! its state, the decision clock and whether the customer may be taken;
//! for the reviewer the decision, and each conflict beside it with the
//! evidence.

use super::DealStatusBadge;
use crate::api::deals::{
    get_deal, AddDealComment, AskDealExtension, CloseDeal, DecideDeal, ExtendDeal,
    ResolveDealConflict, WithdrawDeal,
};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::deal::{
    ConflictHint, ConflictResolution, ConflictView, DealDecision, DealDetail, DealOutcome,
    DealPart, LostReason, RejectReason,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn DealPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let decide = ServerAction::<DecideDeal>::new();
    let resolve = ServerAction::<ResolveDealConflict>::new();
    let withdraw = ServerAction::<WithdrawDeal>::new();
    let after = Afterwards {
        close: ServerAction::<CloseDeal>::new(),
        ask: ServerAction::<AskDealExtension>::new(),
        extend: ServerAction::<ExtendDeal>::new(),
        comment: ServerAction::<AddDealComment>::new(),
    };
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let detail = page_data(
        move || {
            (
                id(),
                decide.version().get(),
                resolve.version().get(),
                withdraw.version().get(),
                after.close.version().get(),
                after.ask.version().get(),
                after.extend.version().get(),
                after.comment.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => get_deal(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Title text=tr!(deals.registration)/>
        <p><a href="/deals">{tr!(deals.back)}</a></p>
        <Success show=saved("saved") text=tr!(deals.saved_ok)/>
        <Success show=saved("submitted") text=tr!(deals.submitted_ok)/>
        <Success show=saved("decided") text=tr!(deals.decided_ok)/>
        <Success show=saved("conflict") text=tr!(deals.conflict_ok)/>
        <Success show=saved("withdrawn") text=tr!(deals.withdrawn_ok)/>
        <Success show=saved("closed") text=tr!(deals.closed_ok)/>
        <Success show=saved("extension_asked") text=tr!(deals.extension_asked_ok)/>
        <Success show=saved("extended") text=tr!(deals.extended_ok)/>
        <Success show=saved("commented") text=tr!(deals.commented_ok)/>
        <Success show=saved("file") text=tr!(deals.file_saved)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(d) => view! { <Registration deal=d decide resolve withdraw after/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Registration(
    deal: DealDetail,
    decide: ServerAction<DecideDeal>,
    resolve: ServerAction<ResolveDealConflict>,
    withdraw: ServerAction<WithdrawDeal>,
    after: Afterwards,
) -> impl IntoView {
    let place = [
        deal.city.as_str(),
        deal.postcode.as_str(),
        deal.region.as_str(),
        deal.country_name.as_str(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let contact = [
        deal.contact_name.as_str(),
        deal.contact_email.as_str(),
        deal.contact_phone.as_str(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let mut facts = vec![
        (tr!(deals.partner), deal.partner_name.clone()),
        (tr!(deals.place), place),
        (tr!(deals.contact), contact),
        (tr!(deals.amount), deal.amount.clone()),
        (tr!(deals.expected_close), deal.expected_close_on.clone()),
        (tr!(deals.stage), deal.stage.label().to_owned()),
        (tr!(deals.origin), deal.origin.label().to_owned()),
    ];
    if let Some(source) = &deal.sourced_by {
        facts.push((tr!(deals.sourced_by), source.clone()));
    }
    if let Some(distributor) = &deal.distributor_name {
        facts.insert(1, (tr!(deals.distributor), distributor.clone()));
    }
    for (label, value) in [
        (tr!(deals.website), &deal.website),
        (tr!(deals.competitor), &deal.competitor),
        (tr!(deals.reference), &deal.reference),
        (tr!(deals.submitted_at), &deal.submitted),
    ] {
        if !value.is_empty() {
            facts.push((label, value.clone()));
        }
    }
    if let Some(until) = &deal.protected_until {
        facts.push((tr!(deals.protected_until), until.clone()));
    }
    view! {
        <div class="page-head">
            <h1>{deal.customer_name.clone()}</h1>
            <DealStatusBadge status=deal.status/>
        </div>
        <Clock deal=deal.clone()/>
        {deal.hint.clone().map(|h| view! {
            <p class="notice notice-warn" role="status">{match h {
                ConflictHint::AlreadyRegistered => tr!(deals.hint_registered),
                ConflictHint::ReservedAccount => tr!(deals.hint_reserved),
            }}</p>
        })}
        {deal.reason.clone().map(|r| view! { <p class="notice notice-info"><strong>{tr!(deals.reviewer_note)}</strong>" "{r}</p> })}
        {(!deal.returned_parts.is_empty()).then(|| {
            let parts = deal.returned_parts.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ");
            view! { <p class="notice notice-info" id="returned-parts">{tr!(deals.asked_to_change, parts = &parts).to_string()}</p> }
        })}
        {deal.reason_code.map(|c| view! { <p class="notice notice-info">{c.label()}</p> })}
        {deal.lost_reason.map(|c| view! { <p class="notice notice-info">{c.label()}</p> })}
        <div class="grid">
            <section class="card">
                <h2>{tr!(deals.opportunity)}</h2>
                <dl class="facts">{facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
                <h3>{tr!(deals.products)}</h3>
                <ul class="plain">
                    {deal.lines.iter().map(|l| view! { <li>{format!("{} × {} — {}", l.quantity, l.family, l.amount)}</li> }).collect_view()}
                </ul>
                {(!deal.notes.is_empty()).then(|| view! { <h3>{tr!(deals.notes)}</h3><p class="prewrap">{deal.notes.clone()}</p> })}
                {deal.may.edit.then(|| view! { <p><a class="btn" href=format!("/deals/{}/edit", deal.id)>{tr!(deals.change)}</a></p> })}
                {deal.may.withdraw.then(|| view! { <Withdraw deal=deal.clone() action=withdraw/> })}
            </section>
            {deal.conflicts.iter().map(|c| view! { <Conflict deal=deal.clone() conflict=c.clone() action=resolve/> }).collect_view()}
            {deal.may.decide.then(|| view! { <Decide deal=deal.clone() action=decide/> })}
            {deal.may.close.then(|| view! { <Close deal=deal.clone() action=after.close/> })}
            {(deal.may.ask_extension || deal.may.extend || deal.may.extension_asked).then(|| view! { <Protection deal=deal.clone() ask=after.ask extend=after.extend/> })}
            <Conversation deal=deal.clone() action=after.comment/>
            <super::files::Files deal=deal.clone()/>
            <section class="card">
                <h2>{tr!(deals.history)}</h2>
                <ol class="audit">
                    {deal.history.iter().map(|e| view! {
                        <li><span class="audit-what">{format!("{} — {}", e.who, e.what)}{(!e.detail.is_empty()).then(|| format!(": {}", e.detail))}</span><span class="muted">{e.at.clone()}</span></li>
                    }).collect_view()}
                </ol>
            </section>
        </div>
    }
}

/// When the decision is due, and whether it is late.
#[component]
fn Clock(deal: DealDetail) -> impl IntoView {
    deal.due.map(|due| {
        if deal.overdue {
            view! { <p class="notice notice-warn" id="clock">{tr!(deals.decision_overdue, date = &due).to_string()}</p> }.into_any()
        } else {
            view! { <p class="notice notice-info" id="clock">{tr!(deals.decision_due, date = &due).to_string()}</p> }.into_any()
        }
    })
}

#[component]
fn Withdraw(deal: DealDetail, action: ServerAction<WithdrawDeal>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <FormError error/>
        <ServerForm action=action>
            <input type="hidden" name="id" value=deal.id/>
            <input type="hidden" name="version" value=deal.version/>
            <button type="submit" class="btn btn-quiet">{tr!(deals.withdraw)}</button>
        </ServerForm>
    }
}

/// The other registration (or the named account) beside this one.
#[component]
fn Conflict(
    deal: DealDetail,
    conflict: ConflictView,
    action: ServerAction<ResolveDealConflict>,
) -> impl IntoView {
    let error = action_error(action);
    let open = conflict.resolution.is_none() && deal.may.decide;
    view! {
        <section class="card conflict">
            <h2>{tr!(deals.conflict)}</h2>
            <p class="muted">{conflict.evidence.clone()}</p>
            <div class="side-by-side">
                <div>
                    <h3>{tr!(deals.this_registration)}</h3>
                    <p>{deal.customer_name.clone()}</p>
                    <p class="muted">{format!("{} · {}", deal.partner_name, deal.submitted)}</p>
                </div>
                <div>
                    <h3>{conflict.other.clone()}</h3>
                    <p>{conflict.other_customer.clone()}</p>
                    <p class="muted">{[conflict.other_partner.clone(), conflict.other_submitted.clone(), conflict.other_status.map(|s| s.label().to_owned()).unwrap_or_default()].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ")}</p>
                </div>
            </div>
            {conflict.resolution.map(|r| view! {
                <p class="notice notice-info">{r.label()}{conflict.resolution_reason.clone().map(|why| format!(": {why}"))}</p>
            })}
            {open.then(|| view! {
                <FormError error/>
                <ServerForm action=action attr:novalidate=true>
                    <input type="hidden" name="id" value=deal.id/>
                    <input type="hidden" name="version" value=deal.version/>
                    <input type="hidden" name="conflict_id" value=conflict.id/>
                    <TextField id=format!("f-resolution-reason-{}", conflict.id) name="resolution_reason" label=tr!(deals.override_reason) multiline=true value=kept(error, "resolution_reason") error=field_error(error, "resolution_reason")/>
                    <div class="actions">
                        <button type="submit" name="resolution" value=ConflictResolution::Upheld.as_str() class="btn btn-primary">{tr!(deals.uphold)}</button>
                        <button type="submit" name="resolution" value=ConflictResolution::Overridden.as_str() class="btn">{tr!(deals.override_conflict)}</button>
                    </div>
                </ServerForm>
            })}
        </section>
    }
}

#[component]
fn Decide(deal: DealDetail, action: ServerAction<DecideDeal>) -> impl IntoView {
    let error = action_error(action);
    let reasons: Vec<(String, String)> = RejectReason::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect();
    view! {
        <section class="card" id="decide">
            <h2>{tr!(deals.your_decision)}</h2>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="id" value=deal.id/>
                <input type="hidden" name="version" value=deal.version/>
                <TextField id="f-decide-reason" name="reason" label=tr!(deals.note_to_partner) multiline=true value=kept(error, "reason") error=field_error(error, "reason") hint=tr!(deals.note_hint)/>
                <fieldset class="fieldset checks" id="f-parts">
                    <legend>{tr!(deals.parts_to_change)}</legend>
                    {move || field_error(error, "parts").get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    {DealPart::ALL.iter().map(|p| view! {
                        <label class="check"><input type="checkbox" name=p.field() checked=!kept(error, &p.field()).is_empty()/>{p.label()}</label>
                    }).collect_view()}
                </fieldset>
                <SelectField name="reason_code" label=tr!(deals.reject_reason) options=reasons selected=kept(error, "reason_code") empty=tr!(partners.choose) error=field_error(error, "reason_code")/>
                <div class="actions">
                    <button type="submit" name="decision" value=DealDecision::Approve.as_str() class="btn btn-primary">{DealDecision::Approve.label()}</button>
                    <button type="submit" name="decision" value=DealDecision::Return.as_str() class="btn">{DealDecision::Return.label()}</button>
                    <button type="submit" name="decision" value=DealDecision::Reject.as_str() class="btn btn-danger">{DealDecision::Reject.label()}</button>
                </div>
            </ServerForm>
        </section>
    }
}

/// The actions on an approved registration.
#[derive(Clone, Copy)]
struct Afterwards {
    close: ServerAction<CloseDeal>,
    ask: ServerAction<AskDealExtension>,
    extend: ServerAction<ExtendDeal>,
    comment: ServerAction<AddDealComment>,
}

/// Won (with the close date and the final amount), lost (with a reason)
/// or cancelled.
#[component]
fn Close(deal: DealDetail, action: ServerAction<CloseDeal>) -> impl IntoView {
    let error = action_error(action);
    let reasons: Vec<(String, String)> = LostReason::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect();
    let typed = kept(error, "amount");
    let amount = if typed.is_empty() {
        deal.amount_input.clone()
    } else {
        typed
    };
    view! {
        <section class="card" id="close">
            <h2>{tr!(deals.close_title)}</h2>
            <p class="muted">{tr!(deals.close_intro)}</p>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="id" value=deal.id/>
                <input type="hidden" name="version" value=deal.version/>
                <TextField id="f-closed-on" name="closed_on" kind="date" label=tr!(deals.closed_on) value=kept(error, "closed_on") error=field_error(error, "closed_on") hint=tr!(deals.closed_on_hint)/>
                <TextField id="f-close-amount" name="amount" label=tr!(deals.final_amount, currency = &deal.currency).to_string() value=amount error=field_error(error, "amount") hint=tr!(deals.final_amount_hint)/>
                <SelectField name="lost_reason" label=tr!(deals.lost_reason) options=reasons selected=kept(error, "lost_reason") empty=tr!(partners.choose) error=field_error(error, "lost_reason")/>
                <TextField id="f-close-note" name="note" label=tr!(deals.close_note) multiline=true value=kept(error, "note") error=field_error(error, "note")/>
                <div class="actions">
                    <button type="submit" name="outcome" value=DealOutcome::Won.as_str() class="btn btn-primary">{DealOutcome::Won.label()}</button>
                    <button type="submit" name="outcome" value=DealOutcome::Lost.as_str() class="btn">{DealOutcome::Lost.label()}</button>
                    <button type="submit" name="outcome" value=DealOutcome::Cancelled.as_str() class="btn btn-quiet">{DealOutcome::Cancelled.label()}</button>
                </div>
            </ServerForm>
        </section>
    }
}

/// The partner asks for more time; a reviewer extends or declines.
#[component]
fn Protection(
    deal: DealDetail,
    ask: ServerAction<AskDealExtension>,
    extend: ServerAction<ExtendDeal>,
) -> impl IntoView {
    let ask_error = action_error(ask);
    let extend_error = action_error(extend);
    let asked = deal.may.extension_asked;
    view! {
        <section class="card" id="protection">
            <h2>{tr!(deals.extend_title)}</h2>
            {deal.protected_until.clone().map(|d| view! { <p>{tr!(deals.protected_until_date, date = &d).to_string()}</p> })}
            {(asked && !deal.may.extend).then(|| view! { <p class="notice notice-info">{tr!(deals.extension_waiting)}</p> })}
            {deal.may.ask_extension.then(|| view! {
                <FormError error=ask_error/>
                <ServerForm action=ask attr:novalidate=true>
                    <input type="hidden" name="id" value=deal.id/>
                    <input type="hidden" name="version" value=deal.version/>
                    <TextField id="f-extension-reason" name="extension_reason" label=tr!(deals.ask_extension) multiline=true value=kept(ask_error, "extension_reason") error=field_error(ask_error, "extension_reason") hint=tr!(deals.ask_extension_hint)/>
                    <button type="submit" class="btn">{tr!(deals.ask_extension_submit)}</button>
                </ServerForm>
            })}
            {deal.may.extend.then(|| view! {
                <FormError error=extend_error/>
                <ServerForm action=extend>
                    <input type="hidden" name="id" value=deal.id/>
                    <input type="hidden" name="version" value=deal.version/>
                    <div class="actions">
                        <button type="submit" name="grant" value="1" class="btn btn-primary">{tr!(deals.extend)}</button>
                        {asked.then(|| view! { <button type="submit" class="btn btn-quiet">{tr!(deals.decline_extension)}</button> })}
                    </div>
                </ServerForm>
            })}
        </section>
    }
}

/// The conversation between the partner and the vendor.
#[component]
fn Conversation(deal: DealDetail, action: ServerAction<AddDealComment>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card" id="conversation">
            <h2>{tr!(deals.conversation)}</h2>
            {deal.comments.is_empty().then(|| view! { <p class="muted">{tr!(deals.no_comments)}</p> })}
            <ol class="comments">
                {deal.comments.iter().map(|c| view! {
                    <li>
                        <p class="muted"><strong>{c.who.clone()}</strong>" · "{c.at.clone()}</p>
                        <div class="post-body" inner_html=c.html.clone()></div>
                    </li>
                }).collect_view()}
            </ol>
            {deal.may.comment.then(|| view! {
                <FormError error/>
                <ServerForm action=action attr:novalidate=true>
                    <input type="hidden" name="id" value=deal.id/>
                    <TextField id="f-comment" name="body" label=tr!(deals.comment) multiline=true value=kept(error, "body") error=field_error(error, "body") hint=tr!(deals.comment_hint)/>
                    <button type="submit" class="btn">{tr!(deals.comment_submit)}</button>
                </ServerForm>
            })}
        </section>
    }
}
