//! `/deals/new` and `/deals/:id/edit`: the registration form, saved as a
//! draft or sent for a decision. A failed submit keeps what was typed.

use super::customer_check::CustomerCheck;
use crate::api::deals::{get_deal_form, SaveDeal};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::deal::{DealDetail, DealForm, DealOrigin, DealPart, DealStage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Product lines the form offers.
pub(super) const LINES: usize = 3;

#[component]
pub fn NewDealPage() -> impl IntoView {
    let query = use_query_map();
    let lead = move || query.read().get("lead").and_then(|v| v.parse::<i64>().ok());
    let data = page_data(lead, |lead| get_deal_form(None, lead));
    view! { <FormPage data title=tr!(deals.register)/> }
}

#[component]
pub fn EditDealPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let data = page_data(id, |id| async move {
        match id {
            Some(id) => get_deal_form(Some(id), None).await,
            None => Err(AppError::NotFound),
        }
    });
    view! { <FormPage data title=tr!(deals.change)/> }
}

#[component]
fn FormPage(
    data: crate::resource::PageData<Result<DealForm, AppError>>,
    title: &'static str,
) -> impl IntoView {
    let action = ServerAction::<SaveDeal>::new();
    let error = action_error(action);
    view! {
        <Title text=title/>
        <p><a href="/deals">{tr!(deals.back)}</a></p>
        <h1>{title}</h1>
        <p class="muted">{tr!(deals.form_intro)}</p>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(form) => view! {
                        <section class="card form-card">
                            <FormError error/>
                            <ServerForm action=action attr:novalidate=true>
                                <CustomerCheck><Fields form error/></CustomerCheck>
                                <div class="actions">
                                    <button type="submit" name="send" value="1" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(deals.submit)}</button>
                                    <button type="submit" class="btn" disabled=move || action.pending().get()>{tr!(deals.save_draft)}</button>
                                </div>
                            </ServerForm>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The value to show: what was typed before a failed submit, else the
/// stored registration's, else what the lead it is made from says.
fn value(
    error: Signal<Option<AppError>>,
    name: &str,
    form: &DealForm,
    pick: impl Fn(&DealDetail) -> String,
) -> String {
    if error.get_untracked().is_some() {
        return kept(error, name);
    }
    match &form.existing {
        Some(d) => pick(d),
        None => prefilled(form, name),
    }
}

/// What the lead a new registration is made from says of `name`.
fn prefilled(form: &DealForm, name: &str) -> String {
    form.prefill
        .iter()
        .find(|(field, _)| field == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

#[component]
fn Fields(form: DealForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let ids = form.existing.as_ref().map(|d| (d.id, d.version));
    let editable = form.editable.clone();
    let part = move |p: DealPart| PartLock::of(p, editable.as_deref());
    view! {
        <input type="hidden" name="key" value=form.key.clone()/>
        {form.lead_id.map(|lead| view! {
            <input type="hidden" name="lead" value=lead/>
            <p class="notice notice-info" id="from-lead">{tr!(deals.from_lead)}</p>
        })}
        {ids.map(|(id, version)| view! {
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="version" value=version/>
        })}
        <AskedChanges form=form.clone()/>
        <RegisteredFor form=form.clone() error/>
        <CustomerFields form=form.clone() error customer=part(DealPart::Customer) place=part(DealPart::Place)/>
        <ContactFields form=form.clone() error lock=part(DealPart::Contact)/>
        <OpportunityFields form error part/>
    }
}

/// The value of `name` on one form: typed before a failed submit, else
/// the stored registration's.
fn values(
    form: &DealForm,
    error: Signal<Option<AppError>>,
) -> impl Fn(&str, fn(&DealDetail) -> String) -> String + '_ {
    move |name, pick| value(error, name, form, pick)
}

#[component]
fn CustomerFields(
    form: DealForm,
    error: Signal<Option<AppError>>,
    customer: PartLock,
    place: PartLock,
) -> impl IntoView {
    let v = values(&form, error);
    let (name, website) = (
        v("customer_name", |d| d.customer_name.clone()),
        v("website", |d| d.website.clone()),
    );
    let (country, city, postcode, region) = (
        v("country", |d| d.country.clone()),
        v("city", |d| d.city.clone()),
        v("postcode", |d| d.postcode.clone()),
        v("region", |d| d.region.clone()),
    );
    let countries = form.countries.clone();
    view! {
        <fieldset class="fieldset">
            <legend>{tr!(deals.customer)}</legend>
            <Part lock=customer>
                <TextField name="customer_name" label=tr!(deals.customer_name) required=true value=name error=field_error(error, "customer_name") autocomplete="organization"/>
                <TextField name="website" label=tr!(deals.website) value=website error=field_error(error, "website") hint=tr!(deals.website_hint)/>
            </Part>
            <Part lock=place>
                <SelectField name="country" label=tr!(deals.country) options=countries selected=country empty=tr!(partners.choose) error=field_error(error, "country")/>
                <div class="row">
                    <TextField name="city" label=tr!(deals.city) value=city error=field_error(error, "city")/>
                    <TextField name="postcode" label=tr!(deals.postcode) value=postcode error=field_error(error, "postcode")/>
                </div>
                <TextField name="region" label=tr!(deals.region) value=region error=field_error(error, "region")/>
            </Part>
        </fieldset>
    }
}

#[component]
fn ContactFields(form: DealForm, error: Signal<Option<AppError>>, lock: PartLock) -> impl IntoView {
    let v = values(&form, error);
    let (name, email, phone) = (
        v("contact_name", |d| d.contact_name.clone()),
        v("contact_email", |d| d.contact_email.clone()),
        v("contact_phone", |d| d.contact_phone.clone()),
    );
    view! {
        <fieldset class="fieldset">
            <legend>{tr!(deals.contact)}</legend>
            <Part lock>
                <TextField name="contact_name" label=tr!(deals.contact_name) required=true value=name error=field_error(error, "contact_name")/>
                <div class="row">
                    <TextField name="contact_email" label=tr!(deals.contact_email) kind="email" required=true value=email error=field_error(error, "contact_email")/>
                    <TextField name="contact_phone" label=tr!(deals.contact_phone) kind="tel" value=phone error=field_error(error, "contact_phone")/>
                </div>
            </Part>
        </fieldset>
    }
}

#[component]
fn OpportunityFields(
    form: DealForm,
    error: Signal<Option<AppError>>,
    part: impl Fn(DealPart) -> PartLock + 'static,
) -> impl IntoView {
    let v = values(&form, error);
    let currencies: Vec<(String, String)> = form
        .currencies
        .iter()
        .map(|c| (c.clone(), c.clone()))
        .collect();
    let currency = Some(v("currency", |d| d.currency.clone()))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| form.currencies.first().cloned().unwrap_or_default());
    let stages: Vec<(String, String)> = DealStage::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let origins: Vec<(String, String)> = DealOrigin::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let close = v("expected_close_on", |d| d.expected_close_input.clone());
    let stage = v("stage", |d| d.stage.as_str().to_owned());
    let origin = v("origin", |d| d.origin.as_str().to_owned());
    let sourced = v("sourced_by", |d| d.sourced_input.clone());
    let competitor = v("competitor", |d| d.competitor.clone());
    let reference = v("reference", |d| d.reference.clone());
    let notes = v("notes", |d| d.notes.clone());
    let sources = form.sources.clone();
    let lines = (0..LINES)
        .map(|n| view! { <LineFields n form=form.clone() error/> })
        .collect_view();
    view! {
        <fieldset class="fieldset">
            <legend>{tr!(deals.opportunity)}</legend>
            <Part lock=part(DealPart::Products)>
                <SelectField name="currency" label=tr!(deals.currency) options=currencies selected=currency error=field_error(error, "currency")/>
                {lines}
            </Part>
            <div class="row">
                <Part lock=part(DealPart::CloseDate)>
                    <TextField name="expected_close_on" label=tr!(deals.expected_close) kind="date" required=true value=close error=field_error(error, "expected_close_on")/>
                </Part>
                <Part lock=part(DealPart::Stage)>
                    <SelectField name="stage" label=tr!(deals.stage) options=stages selected=stage empty=tr!(partners.choose) error=field_error(error, "stage")/>
                </Part>
            </div>
            <Part lock=part(DealPart::Origin)>
                <SelectField name="origin" label=tr!(deals.origin) options=origins selected=origin empty=tr!(partners.choose) error=field_error(error, "origin")/>
                {(!sources.is_empty()).then(|| view! {
                    <SelectField name="sourced_by" label=tr!(deals.sourced_by) options=sources selected=sourced empty=tr!(deals.no_source) error=field_error(error, "sourced_by")/>
                })}
            </Part>
            <Part lock=part(DealPart::Competitor)>
                <TextField name="competitor" label=tr!(deals.competitor) value=competitor error=field_error(error, "competitor")/>
            </Part>
            <Part lock=part(DealPart::Reference)>
                <TextField name="reference" label=tr!(deals.reference) value=reference error=field_error(error, "reference")/>
            </Part>
            <Part lock=part(DealPart::Notes)>
                <TextField name="notes" label=tr!(deals.notes) multiline=true value=notes error=field_error(error, "notes")/>
            </Part>
        </fieldset>
    }
}

/// Whether a part of the form may be changed: all may on a new or draft
/// registration; on one returned for changes, only the flagged parts.
#[derive(Clone, Copy, PartialEq)]
enum PartLock {
    Open,
    Flagged,
    Locked,
}

impl PartLock {
    fn of(part: DealPart, editable: Option<&[DealPart]>) -> Self {
        match editable {
            None => PartLock::Open,
            Some(parts) if parts.contains(&part) => PartLock::Flagged,
            Some(_) => PartLock::Locked,
        }
    }
}

/// One part of the form; a locked part is shown but not sent (the server
/// keeps the stored values whatever is posted).
#[component]
fn Part(lock: PartLock, children: Children) -> impl IntoView {
    view! {
        <fieldset class="part" class:part-flagged=lock == PartLock::Flagged disabled=lock == PartLock::Locked>
            {(lock == PartLock::Flagged).then(|| view! { <p class="part-flag">{tr!(deals.change_asked)}</p> })}
            {children()}
        </fieldset>
    }
}

/// A distributor registers for itself or for one of its resellers: a
/// picker, or a typed name when it has too many to list.
#[component]
fn RegisteredFor(form: DealForm, error: Signal<Option<AppError>>) -> impl IntoView {
    if form.resellers.is_empty() && form.all_resellers_listed {
        return ().into_any();
    }
    let chosen = kept(error, "for_partner");
    let field = if form.all_resellers_listed {
        view! {
            <SelectField name="for_partner" label=tr!(deals.registered_for) options=form.resellers selected=chosen empty=tr!(deals.own_company) error=field_error(error, "for_partner")/>
        }
        .into_any()
    } else {
        view! {
            <TextField name="for_partner" label=tr!(deals.registered_for) value=chosen error=field_error(error, "for_partner") hint=tr!(deals.registered_for_hint)/>
        }
        .into_any()
    };
    view! { <fieldset class="fieldset"><legend>{tr!(deals.two_tier)}</legend>{field}</fieldset> }
        .into_any()
}

/// On a registration returned for changes: what the reviewer asked for.
#[component]
fn AskedChanges(form: DealForm) -> impl IntoView {
    let (Some(parts), Some(d)) = (form.editable, form.existing) else {
        return ().into_any();
    };
    let names = parts
        .iter()
        .map(|p| p.label())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <div class="notice notice-info" id="asked-changes">
            <p><strong>{tr!(deals.asked_to_change, parts = &names).to_string()}</strong></p>
            {d.reason.map(|r| view! { <p class="prewrap">{r}</p> })}
            <p class="muted">{tr!(deals.others_stay)}</p>
        </div>
    }
    .into_any()
}

/// Product family, quantity and amount of line `n` (0-based).
#[component]
fn LineFields(n: usize, form: DealForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let (family, quantity, amount) = (
        format!("family_{}", n + 1),
        format!("quantity_{}", n + 1),
        format!("amount_{}", n + 1),
    );
    let line = form.existing.as_ref().and_then(|d| d.lines.get(n).cloned());
    let typed = error.get_untracked().is_some();
    let pick = |name: &str, stored: Option<String>| {
        if typed {
            kept(error, name)
        } else {
            stored.unwrap_or_else(|| prefilled(&form, name))
        }
    };
    let family_value = pick(&family, line.as_ref().map(|l| l.family_id.to_string()));
    let quantity_value = pick(&quantity, line.as_ref().map(|l| l.quantity.to_string()));
    let amount_value = pick(&amount, line.as_ref().map(|l| l.amount_input.clone()));
    let label = if n == 0 {
        tr!(deals.product_family).to_owned()
    } else {
        tr!(deals.another_family).to_owned()
    };
    view! {
        <div class="row row-3 deal-line">
            <SelectField name=family.clone() label=label options=form.families.clone() selected=family_value empty=tr!(partners.choose) error=line_error(error, family.clone())/>
            <TextField name=quantity.clone() label=tr!(deals.quantity) kind="number" value=quantity_value error=line_error(error, quantity.clone())/>
            <TextField name=amount.clone() label=tr!(deals.amount) value=amount_value error=line_error(error, amount.clone())/>
        </div>
    }
}

/// The message on a line's field (their names are numbered).
fn line_error(error: Signal<Option<AppError>>, name: String) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| e.field(&name)))
}
