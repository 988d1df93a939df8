//! The partner page's lead card: the product families it specialises in
//! and its capacity per 30 days (vendor staff set them), and its pause
//! (its admin sets it, e.g. for the holidays).

use crate::api::leads::{PauseLeads, SavePartnerLeads};
use crate::components::field::TextField;
use crate::components::notice::FormError;
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::tr;
use crate::types::lead::PartnerLeadsView;
use leptos::prelude::*;

#[component]
pub fn LeadCard(partner_id: i64, leads: PartnerLeadsView) -> impl IntoView {
    let families: Vec<String> = leads
        .all_families
        .iter()
        .filter(|(id, _)| leads.families.iter().any(|f| f.to_string() == *id))
        .map(|(_, n)| n.clone())
        .collect();
    let capacity = leads
        .capacity_30d
        .map_or_else(|| tr!(leads.no_limit).to_owned(), |c| c.to_string());
    view! {
        <section class="card" id="leads">
            <h2>{tr!(leads.title)}</h2>
            <dl class="facts">
                <dt>{tr!(leads.specialisations)}</dt>
                <dd>{if families.is_empty() { tr!(leads.no_specialisations).to_owned() } else { families.join(", ") }}</dd>
                <dt>{tr!(leads.capacity)}</dt>
                <dd>{capacity}</dd>
                <dt>{tr!(leads.paused)}</dt>
                <dd>{leads.paused_until.clone().map_or_else(|| tr!(leads.not_paused).to_owned(), |d| tr!(leads.paused_until_date, date = &d).to_string())}</dd>
            </dl>
            {leads.can_configure.then(|| view! { <Configure partner_id leads=leads.clone()/> })}
            {leads.can_pause.then(|| view! { <Pause partner_id leads=leads.clone()/> })}
        </section>
    }
}

#[component]
fn Configure(partner_id: i64, leads: PartnerLeadsView) -> impl IntoView {
    let action = ServerAction::<SavePartnerLeads>::new();
    let error = action_error(action);
    let capacity = Some(kept(error, "capacity"))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| {
            leads
                .capacity_30d
                .map(|c| c.to_string())
                .unwrap_or_default()
        });
    view! {
        <FormError error/>
        <ServerForm action attr:novalidate=true>
            <input type="hidden" name="partner_id" value=partner_id/>
            <fieldset class="fieldset checks">
                <legend>{tr!(leads.specialisations)}</legend>
                {leads.all_families.iter().map(|(id, name)| {
                    let checked = leads.families.iter().any(|f| f.to_string() == *id);
                    view! { <label class="check"><input type="checkbox" name=format!("families[{id}]") checked=checked/>{name.clone()}</label> }
                }).collect_view()}
            </fieldset>
            <TextField id="f-lead-capacity" name="capacity" label=tr!(leads.capacity) kind="number" value=capacity error=field_error(error, "capacity") hint=tr!(leads.capacity_hint)/>
            <button type="submit" class="btn" disabled=move || action.pending().get()>{tr!(leads.save_partner)}</button>
        </ServerForm>
    }
}

#[component]
fn Pause(partner_id: i64, leads: PartnerLeadsView) -> impl IntoView {
    let action = ServerAction::<PauseLeads>::new();
    let error = action_error(action);
    let until = Some(kept(error, "paused_until"))
        .filter(|v| !v.is_empty())
        .unwrap_or(leads.paused_input.clone());
    view! {
        <FormError error/>
        <ServerForm action attr:novalidate=true>
            <input type="hidden" name="partner_id" value=partner_id/>
            <TextField id="f-lead-pause" name="paused_until" label=tr!(leads.pause_until) kind="date" value=until error=field_error(error, "paused_until") hint=tr!(leads.pause_hint)/>
            <button type="submit" class="btn" disabled=move || action.pending().get()>{tr!(leads.save_pause)}</button>
        </ServerForm>
    }
}
