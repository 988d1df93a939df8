//! The claim part of a fund request page: figures, proof files, submit,
//! review and payment.

use super::money;
use crate::api::funds::{CloseFundRequest, PayClaim, ReviewClaim, SaveClaim, SubmitClaim};
use crate::components::field::TextField;
use crate::components::notice::FormError;
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::tr;
use crate::types::funds::{ClaimDecision, ClaimView, RequestDetail};
use crate::types::money::to_input;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Server actions of the claim section, created once by the page.
#[derive(Clone, Copy)]
pub struct ClaimActions {
    pub save: ServerAction<SaveClaim>,
    pub submit: ServerAction<SubmitClaim>,
    pub review: ServerAction<ReviewClaim>,
    pub pay: ServerAction<PayClaim>,
    pub close: ServerAction<CloseFundRequest>,
}

impl ClaimActions {
    pub fn new() -> Self {
        Self {
            save: ServerAction::new(),
            submit: ServerAction::new(),
            review: ServerAction::new(),
            pay: ServerAction::new(),
            close: ServerAction::new(),
        }
    }

    /// Changes whenever any of them completes, to reload the request. A
    /// refused save reloads too: fields the user edited keep their text (the
    /// rendered value is only the field's default), the others and the hidden
    /// version show the current claim.
    pub fn versions(&self) -> (usize, usize, usize, usize, usize) {
        (
            self.save.version().get(),
            self.submit.version().get(),
            self.review.version().get(),
            self.pay.version().get(),
            self.close.version().get(),
        )
    }
}

#[component]
pub fn ClaimSection(
    request: RequestDetail,
    locale: String,
    actions: ClaimActions,
) -> impl IntoView {
    let claim = request.claim.clone();
    let editing = request.can_start_claim || claim.as_ref().is_some_and(|c| c.can_edit);
    let show = editing || claim.is_some();
    let close = request.can_close.then(|| {
        let action = actions.close;
        let error = action_error(action);
        view! {
            <section class="card">
                <h2>{tr!(funds.not_going_ahead)}</h2>
                <p class="muted">{tr!(funds.close_hint)}</p>
                <FormError error/>
                <ServerForm action=action>
                    <input type="hidden" name="id" value=request.id/>
                    <button type="submit" class="btn btn-danger">{tr!(funds.close_and_release)}</button>
                </ServerForm>
            </section>
        }
    });
    view! {
        {show.then(|| view! {
            <section class="card claim">
                <h2>{tr!(funds.claim)}</h2>
                <p class="muted">{tr!(funds.claim_by, date = crate::locale::date(request.claim_deadline)).to_string()}</p>
                {claim.clone().map(|c| view! { <ClaimSummary claim=c request=request.clone() locale=locale.clone()/> })}
                {editing.then(|| view! { <ClaimForm request=request.clone() action=actions.save/> })}
                {claim.clone().filter(|c| c.can_edit).map(|c| view! { <ProofUpload request=request.clone() claim=c.clone() submit=actions.submit/> })}
                {claim.clone().filter(|c| c.can_review).map(|c| view! { <ReviewForm request=request.clone() claim=c locale=locale.clone() action=actions.review/> })}
                {claim.clone().filter(|c| c.can_pay).map(|c| view! { <PayForm request=request.clone() claim=c locale=locale.clone() action=actions.pay/> })}
            </section>
        })}
        {close}
    }
}

#[component]
fn ClaimSummary(claim: ClaimView, request: RequestDetail, locale: String) -> impl IntoView {
    let m = |v: i64| money(v, &request.currency, &locale);
    let mut facts = vec![
        (tr!(funds.status), claim.status.label().to_owned()),
        (tr!(funds.spent), m(claim.actual_minor)),
        (
            tr!(funds.results),
            super::outcome_line(
                claim.actual_leads,
                claim.actual_attendees,
                m(claim.actual_pipeline_minor),
            ),
        ),
    ];
    if let Some(a) = claim.approved_minor {
        facts.push((tr!(funds.approved), m(a)));
    }
    if let (Some(on), Some(r)) = (&claim.paid_on, &claim.payment_reference) {
        facts.push((
            tr!(dashboard.paid),
            tr!(funds.paid_ref, on = crate::locale::date(*on), reference = r).to_string(),
        ));
    }
    view! {
        {claim.decision_reason.clone().map(|r| view! { <p class="notice notice-info"><strong>{tr!(funds.reviewer_note)}</strong>{r}</p> })}
        <dl class="facts">{facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
        <p class="prewrap">{claim.results.clone()}</p>
        <h3>{tr!(funds.proof)}</h3>
        {if claim.files.is_empty() {
            view! { <p class="muted">{tr!(funds.no_proof)}</p> }.into_any()
        } else {
            view! {
                <ul class="files">
                    {claim.files.iter().map(|f| view! {
                        <li>
                            <a href=format!("/media/proof/{}", f.id) target="_blank" rel="noopener">{f.name.clone()}</a>
                            <span class="muted">{format!(" · {}", crate::pages::file_size(f.size_bytes))}</span>
                            {claim.can_edit.then(|| view! {
                                <form method="post" action=format!("/funds/requests/{}/proof/{}/remove", request.id, f.id) class="inline">
                                    <button type="submit" class="btn btn-quiet" aria-label=tr!(funds.remove_file, name = &f.name).to_string()>{tr!(funds.remove)}</button>
                                </form>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn ClaimForm(request: RequestDetail, action: ServerAction<SaveClaim>) -> impl IntoView {
    let error = action_error(action);
    let c = request.claim.clone();
    let value = |name: &str, stored: String| {
        if error.get_untracked().is_some() {
            kept(error, name)
        } else {
            stored
        }
    };
    let actual = value(
        "actual",
        c.as_ref()
            .map(|c| to_input(c.actual_minor, &request.currency))
            .unwrap_or_else(|| {
                request
                    .approved_minor
                    .map(|a| to_input(a, &request.currency))
                    .unwrap_or_default()
            }),
    );
    let leads = value(
        "actual_leads",
        c.as_ref()
            .map(|c| c.actual_leads.to_string())
            .unwrap_or_default(),
    );
    let attendees = value(
        "actual_attendees",
        c.as_ref()
            .map(|c| c.actual_attendees.to_string())
            .unwrap_or_default(),
    );
    let pipeline = value(
        "actual_pipeline",
        c.as_ref()
            .map(|c| to_input(c.actual_pipeline_minor, &request.currency))
            .unwrap_or_default(),
    );
    let results = value(
        "results",
        c.as_ref().map(|c| c.results.clone()).unwrap_or_default(),
    );
    view! {
        <h3>{if c.is_some() { tr!(funds.change_figures) } else { tr!(funds.start_claim) }}</h3>
        <FormError error/>
        <ServerForm action=action attr:novalidate=true>
            <input type="hidden" name="id" value=request.id/>
            <input type="hidden" name="version" value=c.as_ref().map(|c| c.version).unwrap_or(0)/>
            <TextField name="actual" label=tr!(funds.amount_spent) required=true value=actual error=field_error(error, "actual")
                hint=tr!(funds.at_most, amount = request.approved_minor.map(|a| to_input(a, &request.currency)).unwrap_or_default()).to_string()/>
            <div class="row row-3">
                <TextField name="actual_leads" label=tr!(funds.leads) kind="number" value=leads error=field_error(error, "actual_leads")/>
                <TextField name="actual_attendees" label=tr!(funds.attendees) kind="number" value=attendees error=field_error(error, "actual_attendees")/>
                <TextField name="actual_pipeline" label=tr!(funds.pipeline) value=pipeline error=field_error(error, "actual_pipeline")/>
            </div>
            <TextField name="results" label=tr!(funds.achieved) multiline=true required=true value=results error=field_error(error, "results")/>
            <button type="submit" class="btn" disabled=move || action.pending().get()>{tr!(funds.save_figures)}</button>
        </ServerForm>
    }
}

/// Proof upload as a plain multipart form (works without JavaScript); on a
/// phone the first button opens the camera.
#[component]
fn ProofUpload(
    request: RequestDetail,
    claim: ClaimView,
    submit: ServerAction<SubmitClaim>,
) -> impl IntoView {
    let query = use_query_map();
    let problem = move || query.read().get("proof_error");
    let submit_error = action_error(submit);
    view! {
        <h3>{tr!(funds.add_proof)}</h3>
        {move || problem().map(|m| view! { <p class="notice notice-error" role="alert" id="proof-error">{m}</p> })}
        <form method="post" enctype="multipart/form-data" action=format!("/funds/requests/{}/proof", request.id) class="proof-form" data-progress="proof-progress">
            <div class="field">
                <label for="f-proof-camera">{tr!(funds.take_photo)}</label>
                <input id="f-proof-camera" type="file" name="proof" accept="image/*" capture="environment"/>
            </div>
            <div class="field">
                <label for="f-proof-files">{tr!(funds.choose_files)}</label>
                <p class="field-hint" id="f-proof-hint">{tr!(funds.proof_hint)}</p>
                <input id="f-proof-files" type="file" name="proof" multiple accept="application/pdf,image/jpeg,image/png,image/heic" aria-describedby="f-proof-hint"/>
            </div>
            <progress id="proof-progress" max="100" value="0" hidden></progress>
            <button type="submit" class="btn">{tr!(funds.upload_proof)}</button>
        </form>
        <FormError error=submit_error/>
        {move || submit_error.get().and_then(|e| e.field("proof")).map(|m| view! { <p class="field-error">{m}</p> })}
        <ServerForm action=submit>
            <input type="hidden" name="id" value=request.id/>
            <input type="hidden" name="version" value=claim.version/>
            <button type="submit" class="btn btn-primary btn-block" disabled=move || submit.pending().get()>{tr!(funds.submit_claim)}</button>
        </ServerForm>
    }
}

#[component]
fn ReviewForm(
    request: RequestDetail,
    claim: ClaimView,
    locale: String,
    action: ServerAction<ReviewClaim>,
) -> impl IntoView {
    let error = action_error(action);
    let amount = Some(kept(error, "claim_amount"))
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| to_input(claim.actual_minor, &request.currency));
    view! {
        <h3>{tr!(funds.review_claim)}</h3>
        <p class="muted">{tr!(funds.claimed_of, claimed = money(claim.actual_minor, &request.currency, &locale), approved = money(request.approved_minor.unwrap_or(0), &request.currency, &locale)).to_string()}</p>
        <FormError error/>
        <ServerForm action=action attr:novalidate=true>
            <input type="hidden" name="id" value=request.id/>
            <input type="hidden" name="version" value=claim.version/>
            <TextField name="claim_amount" label=tr!(funds.amount_for_payment) value=amount error=field_error(error, "claim_amount")/>
            <TextField name="claim_reason" label=tr!(funds.note_to_partner) multiline=true value=kept(error, "claim_reason") error=field_error(error, "claim_reason")
                hint=tr!(funds.claim_note_required)/>
            <div class="actions">
                <button type="submit" name="decision" value=ClaimDecision::Approve.as_str() class="btn btn-primary">{tr!(enums.claim_decision.approve)}</button>
                <button type="submit" name="decision" value=ClaimDecision::Info.as_str() class="btn">{tr!(enums.claim_decision.info)}</button>
                <button type="submit" name="decision" value=ClaimDecision::Reject.as_str() class="btn btn-danger">{tr!(enums.claim_decision.reject)}</button>
            </div>
        </ServerForm>
    }
}

#[component]
fn PayForm(
    request: RequestDetail,
    claim: ClaimView,
    locale: String,
    action: ServerAction<PayClaim>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <h3>{tr!(funds.record_payment)}</h3>
        <p class="muted">{tr!(funds.approved_for_payment, amount = money(claim.approved_minor.unwrap_or(0), &request.currency, &locale)).to_string()}</p>
        <FormError error/>
        <ServerForm action=action attr:novalidate=true>
            <input type="hidden" name="id" value=request.id/>
            <input type="hidden" name="version" value=claim.version/>
            <div class="row">
                <TextField name="paid_on" label=tr!(funds.paid_on) kind="date" value=kept(error, "paid_on") error=field_error(error, "paid_on")/>
                <TextField name="payment_reference" label=tr!(funds.payment_reference) value=kept(error, "payment_reference") error=field_error(error, "payment_reference")/>
            </div>
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(funds.mark_paid)}</button>
        </ServerForm>
    }
}

pub fn claim_saved_messages() -> [(&'static str, &'static str); 6] {
    [
        ("claim", tr!(funds.claim_saved)),
        ("proof", tr!(funds.proof_uploaded)),
        ("claim_submitted", tr!(funds.claim_submitted)),
        ("claim_reviewed", tr!(funds.claim_reviewed)),
        ("paid", tr!(funds.paid_ok)),
        ("closed", tr!(funds.closed_ok)),
    ]
}
