//! `/leads/new`: enter one lead (routed at once), or import many as CSV
//! (all rows or none, each problem named by its row). Either may name the
//! campaign whose responses they are. A failed submit keeps what was typed.

use crate::api::leads::{get_lead_form, CreateLead, ImportLeads};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::lead::{LeadForm, LeadPriority};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewLeadPage() -> impl IntoView {
    let data = page_data(|| (), |_| get_lead_form());
    view! {
        <Title text=tr!(leads.new_lead)/>
        <p><a href="/leads">{tr!(leads.back)}</a></p>
        <h1>{tr!(leads.new_lead)}</h1>
        <p class="muted">{tr!(leads.form_intro)}</p>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(form) => view! { <OneLead form=form.clone()/><Import form/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OneLead(form: LeadForm) -> impl IntoView {
    let action = ServerAction::<CreateLead>::new();
    let error = action_error(action);
    let priorities: Vec<(String, String)> = LeadPriority::ALL
        .iter()
        .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
        .collect();
    let priority = Some(kept(error, "priority"))
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| LeadPriority::Normal.as_str().to_owned());
    let k = move |name: &str| kept(error, name);
    let (company, segment, country, region) =
        (k("company"), k("segment"), k("country"), k("region"));
    let (city, postcode, coordinates) = (k("city"), k("postcode"), k("coordinates"));
    let (name, email, phone) = (k("contact_name"), k("contact_email"), k("contact_phone"));
    let (family, campaign, notes) = (k("family"), k("campaign"), k("notes"));
    let certification = k("certification");
    view! {
        <section class="card form-card" id="one-lead">
            <FormError error/>
            <ServerForm action attr:novalidate=true>
                <input type="hidden" name="key" value=form.key.clone()/>
                <fieldset class="fieldset">
                    <legend>{tr!(leads.about)}</legend>
                    <TextField name="company" label=tr!(leads.company) required=true value=company error=field_error(error, "company") autocomplete="organization"/>
                    <TextField name="segment" label=tr!(leads.segment) value=segment error=field_error(error, "segment") hint=tr!(leads.segment_hint)/>
                    <SelectField name="country" label=tr!(leads.country) options=form.countries.clone() selected=country empty=tr!(partners.choose) error=field_error(error, "country")/>
                    <div class="row">
                        <TextField name="city" label=tr!(leads.city) value=city error=field_error(error, "city")/>
                        <TextField name="postcode" label=tr!(leads.postcode) value=postcode error=field_error(error, "postcode")/>
                    </div>
                    <TextField name="region" label=tr!(leads.region) value=region error=field_error(error, "region")/>
                    <TextField name="coordinates" label=tr!(leads.coordinates) value=coordinates error=field_error(error, "coordinates") hint=tr!(leads.coordinates_hint)/>
                </fieldset>
                <fieldset class="fieldset">
                    <legend>{tr!(leads.contact)}</legend>
                    <TextField name="contact_name" label=tr!(leads.contact_name) value=name error=field_error(error, "contact_name")/>
                    <div class="row">
                        <TextField name="contact_email" label=tr!(leads.contact_email) kind="email" value=email error=field_error(error, "contact_email")/>
                        <TextField name="contact_phone" label=tr!(leads.contact_phone) kind="tel" value=phone error=field_error(error, "contact_phone")/>
                    </div>
                </fieldset>
                <fieldset class="fieldset">
                    <legend>{tr!(leads.interest)}</legend>
                    <SelectField name="family" label=tr!(leads.product) options=form.families.clone() selected=family empty=tr!(leads.any_product) error=field_error(error, "family")/>
                    {(!form.certifications.is_empty()).then(|| view! {
                        <SelectField name="certification" label=tr!(leads.certification) options=form.certifications.clone() selected=certification empty=tr!(leads.no_certification) error=field_error(error, "certification")/>
                    })}
                    <SelectField name="priority" label=tr!(leads.priority) options=priorities selected=priority error=field_error(error, "priority")/>
                    <SelectField name="campaign" label=tr!(leads.campaign) options=form.campaigns.clone() selected=campaign empty=tr!(leads.no_campaign) error=field_error(error, "campaign")/>
                    <TextField name="notes" label=tr!(leads.notes) multiline=true value=notes error=field_error(error, "notes")/>
                </fieldset>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(leads.create)}</button>
            </ServerForm>
        </section>
    }
}

#[component]
fn Import(form: LeadForm) -> impl IntoView {
    let action = ServerAction::<ImportLeads>::new();
    let error = action_error(action);
    view! {
        <section class="card form-card" id="import">
            <h2>{tr!(leads.import)}</h2>
            <p class="muted">{tr!(leads.import_hint)}</p>
            <pre class="code-sample">"company,country,region,city,postcode,product_family,segment,priority,contact_name,contact_email"</pre>
            <FormError error/>
            <ServerForm action attr:novalidate=true>
                <SelectField id="f-import-campaign" name="campaign" label=tr!(leads.campaign) options=form.campaigns.clone() selected=kept(error, "campaign") empty=tr!(leads.no_campaign) error=field_error(error, "campaign")/>
                <TextField id="f-import-csv" name="csv" label=tr!(leads.csv_rows) multiline=true value=kept(error, "csv") error=field_error(error, "csv")/>
                <button type="submit" class="btn" disabled=move || action.pending().get()>{tr!(leads.import_now)}</button>
            </ServerForm>
        </section>
    }
}
