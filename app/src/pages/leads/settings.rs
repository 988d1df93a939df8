//! `/leads/settings`: the program's business hours to accept an offer and
//! to first contact a lead, and how a partner is drawn (vendor admins).

use crate::api::leads::{get_lead_settings, SaveLeadSettings};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::lead::{LeadSettings, RoutingMode};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LeadSettingsPage() -> impl IntoView {
    let query = use_query_map();
    let saved = Signal::derive(move || query.read().get("saved").is_some());
    let data = page_data(|| (), |_| get_lead_settings());
    view! {
        <Title text=tr!(leads.settings)/>
        <p><a href="/leads">{tr!(leads.back)}</a></p>
        <h1>{tr!(leads.settings)}</h1>
        <Success show=saved text=tr!(leads.settings_saved)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(s) => view! { <Settings settings=s/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings(settings: LeadSettings) -> impl IntoView {
    let action = ServerAction::<SaveLeadSettings>::new();
    let error = action_error(action);
    let or = move |name: &str, stored: String| {
        Some(kept(error, name))
            .filter(|v| !v.is_empty())
            .unwrap_or(stored)
    };
    let modes: Vec<(String, String)> = RoutingMode::ALL
        .iter()
        .map(|m| (m.as_str().to_owned(), m.label().to_owned()))
        .collect();
    view! {
        <section class="card form-card">
            <FormError error/>
            <ServerForm action attr:novalidate=true>
                <TextField name="accept_hours" label=tr!(leads.accept_hours) kind="number" value=or("accept_hours", settings.accept_hours.to_string()) error=field_error(error, "accept_hours") hint=tr!(leads.accept_hours_hint)/>
                <TextField name="contact_hours" label=tr!(leads.contact_hours) kind="number" value=or("contact_hours", settings.contact_hours.to_string()) error=field_error(error, "contact_hours") hint=tr!(leads.contact_hours_hint)/>
                <SelectField name="routing" label=tr!(leads.routing_mode) options=modes selected=or("routing", settings.routing.as_str().to_owned()) error=field_error(error, "routing")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(leads.save_settings)}</button>
            </ServerForm>
        </section>
    }
}
