use super::{activity_options, money};
use crate::api::funds::{get_funds_overview, SubmitFundRequest};
use crate::components::field::{SelectField, TextField};
use crate::components::layout::use_me;
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::funds::AllocationRow;
use leptos::prelude::*;
use leptos_meta::Title;

/// The fields of a fund request, shared by the new-request and resubmit forms.
#[derive(Clone, Default)]
pub struct RequestValues {
    pub allocation_id: String,
    pub activity_type: String,
    pub title: String,
    pub description: String,
    pub starts_on: String,
    pub ends_on: String,
    pub amount: String,
    pub partner_share: String,
    pub expected_leads: String,
    pub expected_attendees: String,
    pub expected_pipeline: String,
}

impl RequestValues {
    /// What the user typed before a failed submit, else `self`.
    pub fn or_kept(self, error: Signal<Option<AppError>>) -> Self {
        let k = |name: &str, fallback: String| {
            if error.get_untracked().is_some() {
                kept(error, name)
            } else {
                fallback
            }
        };
        Self {
            allocation_id: k("allocation_id", self.allocation_id),
            activity_type: k("activity_type", self.activity_type),
            title: k("title", self.title),
            description: k("description", self.description),
            starts_on: k("starts_on", self.starts_on),
            ends_on: k("ends_on", self.ends_on),
            amount: k("amount", self.amount),
            partner_share: k("partner_share", self.partner_share),
            expected_leads: k("expected_leads", self.expected_leads),
            expected_attendees: k("expected_attendees", self.expected_attendees),
            expected_pipeline: k("expected_pipeline", self.expected_pipeline),
        }
    }
}

#[component]
pub fn RequestFields(
    allocations: Vec<AllocationRow>,
    values: RequestValues,
    error: Signal<Option<AppError>>,
    locale: String,
) -> impl IntoView {
    let options: Vec<(String, String)> = allocations
        .iter()
        .map(|a| {
            (
                a.id.to_string(),
                format!(
                    "{} · {} — {} available",
                    a.budget_name,
                    a.holder,
                    money(a.balances.available, &a.currency, &locale)
                ),
            )
        })
        .collect();
    let single = (options.len() == 1).then(|| options[0].0.clone());
    let selected = if values.allocation_id.is_empty() {
        single.unwrap_or_default()
    } else {
        values.allocation_id
    };
    view! {
        <SelectField name="allocation_id" label=tr!(funds.draw_from) options=options selected=selected empty=tr!(partners.choose) error=field_error(error, "allocation_id")/>
        <SelectField name="activity_type" label=tr!(funds.activity) options=activity_options() selected=values.activity_type empty=tr!(partners.choose) error=field_error(error, "activity_type")/>
        <TextField name="title" label=tr!(funds.title_field) required=true value=values.title error=field_error(error, "title")/>
        <TextField name="description" label=tr!(funds.plan) multiline=true required=true value=values.description error=field_error(error, "description")/>
        <div class="row">
            <TextField name="starts_on" label=tr!(funds.starts) kind="date" value=values.starts_on error=field_error(error, "starts_on")/>
            <TextField name="ends_on" label=tr!(funds.ends) kind="date" value=values.ends_on error=field_error(error, "ends_on")/>
        </div>
        <div class="row">
            <TextField name="amount" label=tr!(funds.amount_requested) required=true value=values.amount error=field_error(error, "amount") hint=tr!(funds.amount_hint)/>
            <TextField name="partner_share" label=tr!(funds.own_share) value=values.partner_share error=field_error(error, "partner_share") hint=tr!(funds.own_share_hint)/>
        </div>
        <fieldset class="fieldset">
            <legend>{tr!(funds.expected_outcome)}</legend>
            <div class="row row-3">
                <TextField name="expected_leads" label=tr!(funds.leads) kind="number" value=values.expected_leads error=field_error(error, "expected_leads")/>
                <TextField name="expected_attendees" label=tr!(funds.attendees) kind="number" value=values.expected_attendees error=field_error(error, "expected_attendees")/>
                <TextField name="expected_pipeline" label=tr!(funds.pipeline) value=values.expected_pipeline error=field_error(error, "expected_pipeline")/>
            </div>
        </fieldset>
    }
}

#[component]
pub fn NewRequestPage() -> impl IntoView {
    let me = use_me();
    let action = ServerAction::<SubmitFundRequest>::new();
    let error = action_error(action);
    let data = page_data(|| (), |_| get_funds_overview(Default::default()));
    // Asked from a campaign page: the request is tied to that campaign.
    let query = leptos_router::hooks::use_query_map();
    let campaign = page_data(
        move || {
            query
                .read()
                .get("campaign")
                .and_then(|c| c.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => crate::api::campaigns::get_campaign(id, None).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Title text=tr!(funds.request)/>
        <h1>{tr!(funds.request)}</h1>
        <p class="muted">{tr!(funds.request_intro)}</p>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                let (user, data, campaign) = (me.user().await, data.await, campaign.await);
                match user.and_then(|u| data.map(|d| (u, d))) {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok((_, d)) if !d.can_request => view! { <LoadError error=AppError::Forbidden/> }.into_any(),
                    Ok((_, d)) if d.allocations.is_empty() => view! {
                        <p class="card">{tr!(funds.nothing_to_request)}</p>
                    }.into_any(),
                    Ok((user, d)) => {
                        let values = match &campaign {
                            Some(c) => RequestValues {
                                title: c.card.name.clone(),
                                description: c.card.goal.clone(),
                                starts_on: c.starts_on.to_string(),
                                ends_on: c.ends_on.to_string(),
                                ..Default::default()
                            },
                            None => RequestValues::default(),
                        };
                        view! {
                        <section class="card form-card">
                            {campaign.as_ref().map(|c| view! {
                                <p class="notice">{tr!(funds.for_campaign, name = &c.card.name).to_string()}</p>
                            })}
                            <FormError error/>
                            <ServerForm action=action attr:novalidate=true>
                                <input type="hidden" name="key" value=d.form_key.clone()/>
                                {campaign.as_ref().map(|c| view! { <input type="hidden" name="campaign_id" value=c.card.id/> })}
                                <RequestFields allocations=d.allocations.clone() values=values.or_kept(error) error locale=user.locale/>
                                <button type="submit" class="btn btn-primary btn-block" disabled=move || action.pending().get()>{tr!(funds.submit_request)}</button>
                            </ServerForm>
                        </section>
                    }.into_any()},
                }
            })}
        </Suspense>
    }
}
