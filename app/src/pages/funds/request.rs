use super::claim::{claim_saved_messages, ClaimActions, ClaimSection};
use super::new_request::{RequestFields, RequestValues};
use super::{money, StatusBadge};
use crate::api::funds::{
    get_fund_request, get_funds_overview, DecideFundRequest, ResubmitFundRequest,
};
use crate::components::field::TextField;
use crate::components::layout::use_me;
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::funds::{RequestDecision, RequestDetail};
use crate::types::money::to_input;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn RequestPage() -> impl IntoView {
    let me = use_me();
    let params = use_params_map();
    let query = use_query_map();
    let decide = ServerAction::<DecideFundRequest>::new();
    let resubmit = ServerAction::<ResubmitFundRequest>::new();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let claims = ClaimActions::new();
    let detail = page_data(
        move || {
            (
                id(),
                decide.version().get(),
                resubmit.version().get(),
                claims.versions(),
            )
        },
        |(id, _, _, _)| async move {
            match id {
                Some(id) => get_fund_request(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Title text=tr!(funds.request_title)/>
        <p><a href="/funds">{tr!(funds.back)}</a></p>
        <Success show=saved("submitted") text=tr!(funds.submitted_ok)/>
        <Success show=saved("resubmitted") text=tr!(funds.resubmitted_ok)/>
        <Success show=saved("decided") text=tr!(funds.decided_ok)/>
        {claim_saved_messages().into_iter().map(|(key, text)| view! { <Success show=saved(key) text=text/> }).collect_view()}
        <Suspense fallback=|| view! { <p class="loading">{tr!(funds.loading_request)}</p> }>
            {move || Suspend::new(async move {
                let (user, detail) = (me.user().await, detail.await);
                match user.and_then(|u| detail.map(|d| (u, d))) {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok((user, d)) => view! { <Request request=d locale=user.locale decide resubmit claims/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Request(
    request: RequestDetail,
    locale: String,
    decide: ServerAction<DecideFundRequest>,
    resubmit: ServerAction<ResubmitFundRequest>,
    claims: ClaimActions,
) -> impl IntoView {
    let m = |v: i64| money(v, &request.currency, &locale);
    let facts = vec![
        (tr!(funds.partner), request.partner_name.clone()),
        (tr!(nav.funds), request.allocation_holder.clone()),
        (
            tr!(funds.activity),
            request.activity_type.label().to_owned(),
        ),
        (
            tr!(funds.dates),
            if request.starts_on == request.ends_on {
                crate::locale::date(request.starts_on)
            } else {
                tr!(
                    funds.date_range,
                    from = crate::locale::date(request.starts_on),
                    to = crate::locale::date(request.ends_on)
                )
                .to_string()
            },
        ),
        (tr!(funds.requested), m(request.requested_minor)),
        (
            tr!(funds.approved),
            request.approved_minor.map(m).unwrap_or_else(|| "—".into()),
        ),
        (tr!(funds.partner_share), m(request.partner_share_minor)),
        (
            tr!(funds.expected),
            super::outcome_line(
                request.expected_leads,
                request.expected_attendees,
                m(request.expected_pipeline_minor),
            ),
        ),
    ];
    view! {
        <div class="page-head">
            <h1>{request.title.clone()}</h1>
            <StatusBadge status=request.status/>
        </div>
        {request.decision_reason.clone().map(|r| view! { <p class="notice notice-info"><strong>{tr!(funds.reviewer_note)}</strong>{r}</p> })}
        <div class="grid">
            <section class="card">
                <h2>{tr!(funds.request_heading)}</h2>
                <dl class="facts">{facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
                <h3>{tr!(funds.plan_heading)}</h3>
                <p class="prewrap">{request.description.clone()}</p>
            </section>
            {request.can_review.then(|| view! { <Decide request=request.clone() locale=locale.clone() action=decide/> })}
            {request.can_resubmit.then(|| view! { <Resubmit request=request.clone() locale=locale.clone() action=resubmit/> })}
            <ClaimSection request=request.clone() locale=locale.clone() actions=claims/>
            {request.campaign.clone().map(|p| view! {
                <section class="card" id="campaign-proof">
                    <h2>{tr!(funds.proof_of_performance)}</h2>
                    <p>{from_campaign(p.campaign_id, p.name.clone(), p.sends)}</p>
                    <dl class="facts">
                        <dt>{tr!(funds.emails_sent)}</dt><dd>{p.stats.sent}</dd>
                        <dt>{tr!(funds.delivered)}</dt><dd>{p.stats.delivered}</dd>
                        <dt>{tr!(funds.opened)}</dt><dd>{format!("{} ({})", p.stats.opened, crate::types::campaign::SendStats::rate(p.stats.opened, p.stats.delivered))}</dd>
                        <dt>{tr!(funds.clicked)}</dt><dd>{format!("{} ({})", p.stats.clicked, crate::types::campaign::SendStats::rate(p.stats.clicked, p.stats.delivered))}</dd>
                        <dt>{tr!(funds.unsubscribed)}</dt><dd>{p.stats.unsubscribed}</dd>
                    </dl>
                </section>
            })}
            <section class="card">
                <h2>{tr!(funds.history)}</h2>
                <ol class="audit">
                    {request.audit.iter().map(|a| view! {
                        <li><span class="audit-what">{format!("{} — {}", a.actor, a.detail)}</span><span class="muted">{a.at.clone()}</span></li>
                    }).collect_view()}
                </ol>
            </section>
        </div>
    }
}

#[component]
fn Decide(
    request: RequestDetail,
    locale: String,
    action: ServerAction<DecideFundRequest>,
) -> impl IntoView {
    let error = action_error(action);
    let amount = Some(kept(error, "amount"))
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| to_input(request.requested_minor, &request.currency));
    let available = money(
        request.allocation_available_minor,
        &request.currency,
        &locale,
    );
    view! {
        <section class="card">
            <h2>{tr!(funds.your_decision)}</h2>
            <p class="muted">{tr!(funds.still_available, amount = &available).to_string()}</p>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="id" value=request.id/>
                <input type="hidden" name="version" value=request.version/>
                <TextField id="f-decide-amount" name="amount" label=tr!(funds.amount_to_approve) value=amount error=field_error(error, "amount")
                    hint=tr!(funds.partial_hint)/>
                <TextField id="f-decide-reason" name="reason" label=tr!(funds.note_to_partner) multiline=true value=kept(error, "reason") error=field_error(error, "reason")
                    hint=tr!(funds.note_required)/>
                <div class="actions">
                    <button type="submit" name="decision" value=RequestDecision::Approve.as_str() class="btn btn-primary">{tr!(enums.request_decision.approve)}</button>
                    <button type="submit" name="decision" value=RequestDecision::Changes.as_str() class="btn">{tr!(enums.request_decision.changes)}</button>
                    <button type="submit" name="decision" value=RequestDecision::Reject.as_str() class="btn btn-danger">{tr!(enums.request_decision.reject)}</button>
                </div>
            </ServerForm>
        </section>
    }
}

#[component]
fn Resubmit(
    request: RequestDetail,
    locale: String,
    action: ServerAction<ResubmitFundRequest>,
) -> impl IntoView {
    let error = action_error(action);
    let allocations = page_data(|| (), |_| get_funds_overview(Default::default()));
    let values = RequestValues {
        allocation_id: request.allocation_id.to_string(),
        activity_type: request.activity_type.as_str().to_owned(),
        title: request.title.clone(),
        description: request.description.clone(),
        starts_on: request.starts_on.to_string(),
        ends_on: request.ends_on.to_string(),
        amount: to_input(request.requested_minor, &request.currency),
        partner_share: to_input(request.partner_share_minor, &request.currency),
        expected_leads: request.expected_leads.to_string(),
        expected_attendees: request.expected_attendees.to_string(),
        expected_pipeline: to_input(request.expected_pipeline_minor, &request.currency),
    }
    .or_kept(error);
    view! {
        <section class="card">
            <h2>{tr!(funds.change_and_resubmit)}</h2>
            <FormError error/>
            <Suspense fallback=|| ()>
                {move || {
                    let values = values.clone();
                    let locale = locale.clone();
                    Suspend::new(async move {
                        allocations.await.map(|o| view! {
                            <ServerForm action=action attr:novalidate=true>
                                <input type="hidden" name="id" value=request.id/>
                                <input type="hidden" name="version" value=request.version/>
                                <RequestFields allocations=o.allocations values error locale/>
                                <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>{tr!(funds.submit_again)}</button>
                            </ServerForm>
                        })
                    })
                }}
            </Suspense>
        </section>
    }
}

/// "From the campaign <name>: 3 sends.", the name a link to the campaign.
fn from_campaign(id: i64, name: String, count: u64) -> impl IntoView {
    let href = format!("/campaigns/{id}");
    leptos_i18n::td!(
        crate::locale::current(),
        funds.from_campaign,
        name,
        count = move || count,
        <a> = move |children: ChildrenFn| view! { <a href=href.clone()>{children()}</a> }
    )
}
