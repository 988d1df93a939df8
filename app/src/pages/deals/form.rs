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
use crate::types::deal::{DealDetail, DealForm, DealOrigin, DealStage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Product lines the form offers.
pub(super) const LINES: usize = 3;

#[component]
pub fn NewDealPage() -> impl IntoView {
    let data = page_data(|| (), |_| get_deal_form(None));
    view! { <FormPage data title=tr!(deals.register)/> }
}

#[component]
pub fn EditDealPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let data = page_data(id, |id| async move {
        match id {
            Some(id) => get_deal_form(Some(id)).await,
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
/// stored registration's, else `fallback`.
fn value(
    error: Signal<Option<AppError>>,
    name: &str,
    stored: Option<&DealDetail>,
    pick: impl Fn(&DealDetail) -> String,
) -> String {
    if error.get_untracked().is_some() {
        return kept(error, name);
    }
    stored.map(pick).unwrap_or_default()
}

#[component]
fn Fields(form: DealForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let d = form.existing.as_ref();
    let v = |name: &str, pick: fn(&DealDetail) -> String| value(error, name, d, pick);
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
    view! {
        <input type="hidden" name="key" value=form.key.clone()/>
        {d.map(|d| view! {
            <input type="hidden" name="id" value=d.id/>
            <input type="hidden" name="version" value=d.version/>
        })}
        <fieldset class="fieldset">
            <legend>{tr!(deals.customer)}</legend>
            <TextField name="customer_name" label=tr!(deals.customer_name) required=true value=v("customer_name", |d| d.customer_name.clone()) error=field_error(error, "customer_name") autocomplete="organization"/>
            <TextField name="website" label=tr!(deals.website) value=v("website", |d| d.website.clone()) error=field_error(error, "website") hint=tr!(deals.website_hint)/>
            <SelectField name="country" label=tr!(deals.country) options=form.countries.clone() selected=v("country", |d| d.country.clone()) empty=tr!(partners.choose) error=field_error(error, "country")/>
            <div class="row">
                <TextField name="city" label=tr!(deals.city) value=v("city", |d| d.city.clone()) error=field_error(error, "city")/>
                <TextField name="postcode" label=tr!(deals.postcode) value=v("postcode", |d| d.postcode.clone()) error=field_error(error, "postcode")/>
            </div>
            <TextField name="region" label=tr!(deals.region) value=v("region", |d| d.region.clone()) error=field_error(error, "region")/>
        </fieldset>
        <fieldset class="fieldset">
            <legend>{tr!(deals.contact)}</legend>
            <TextField name="contact_name" label=tr!(deals.contact_name) required=true value=v("contact_name", |d| d.contact_name.clone()) error=field_error(error, "contact_name")/>
            <div class="row">
                <TextField name="contact_email" label=tr!(deals.contact_email) kind="email" required=true value=v("contact_email", |d| d.contact_email.clone()) error=field_error(error, "contact_email")/>
                <TextField name="contact_phone" label=tr!(deals.contact_phone) kind="tel" value=v("contact_phone", |d| d.contact_phone.clone()) error=field_error(error, "contact_phone")/>
            </div>
        </fieldset>
        <fieldset class="fieldset">
            <legend>{tr!(deals.opportunity)}</legend>
            <SelectField name="currency" label=tr!(deals.currency) options=currencies selected=currency error=field_error(error, "currency")/>
            {(0..LINES).map(|n| view! { <LineFields n form=form.clone() error/> }).collect_view()}
            <div class="row">
                <TextField name="expected_close_on" label=tr!(deals.expected_close) kind="date" required=true value=v("expected_close_on", |d| d.expected_close_input.clone()) error=field_error(error, "expected_close_on")/>
                <SelectField name="stage" label=tr!(deals.stage) options=stages selected=v("stage", |d| d.stage.as_str().to_owned()) empty=tr!(partners.choose) error=field_error(error, "stage")/>
            </div>
            <SelectField name="origin" label=tr!(deals.origin) options=origins selected=v("origin", |d| d.origin.as_str().to_owned()) empty=tr!(partners.choose) error=field_error(error, "origin")/>
            <TextField name="competitor" label=tr!(deals.competitor) value=v("competitor", |d| d.competitor.clone()) error=field_error(error, "competitor")/>
            <TextField name="reference" label=tr!(deals.reference) value=v("reference", |d| d.reference.clone()) error=field_error(error, "reference")/>
            <TextField name="notes" label=tr!(deals.notes) multiline=true value=v("notes", |d| d.notes.clone()) error=field_error(error, "notes")/>
        </fieldset>
    }
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
            stored.unwrap_or_default()
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
