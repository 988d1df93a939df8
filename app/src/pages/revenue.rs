//! `/revenue`: the partner revenue ledger for vendor staff. The program's
//! currency and dated exchange rates (finance and budget holders set them),
//! the latest periods' totals in the program's currency, and the latest
//! figures with where each came from.

use crate::api::revenue::{get_revenue_page, SetExchangeRate};
use crate::components::field::{SelectField, TextField};
use crate::components::layout::use_me;
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::revenue::{FigureRow, PeriodTotal, RateRow, RevenuePage as Page};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RevenuePage() -> impl IntoView {
    let query = use_query_map();
    let me = use_me();
    let page = page_data(|| (), |()| get_revenue_page());
    view! {
        <Title text=tr!(revenue.title)/>
        <h1>{tr!(revenue.title)}</h1>
        {move || query.read().get("saved").map(|_| view! { <p class="notice notice-ok" role="status">{tr!(revenue.rate_saved)}</p> })}
        <Transition fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                // Money is written as the reader's browser writes numbers.
                let locale = me.user().await.map(|u| u.locale).unwrap_or_default();
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(page) => view! { <RevenueView page locale/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RevenueView(page: Page, locale: String) -> impl IntoView {
    let program = page.currency.clone();
    view! {
        <p class="muted">{tr!(revenue.intro, currency = program.clone()).to_string()}</p>
        <div class="grid">
            <section class="card" id="rates">
                <h2>{tr!(revenue.rates)}</h2>
                <p class="muted">{tr!(revenue.rates_rule).to_owned()}</p>
                {if page.rates.is_empty() {
                    view! { <p>{tr!(revenue.no_rates)}</p> }.into_any()
                } else {
                    view! { <RateList rates=page.rates.clone() program=program.clone()/> }.into_any()
                }}
                {page.can_set_rates.then(|| view! { <RateForm currencies=page.currencies.clone() program=program.clone()/> })}
            </section>
            <section class="card" id="totals">
                <h2>{tr!(revenue.totals)}</h2>
                {if page.totals.is_empty() {
                    view! { <p>{tr!(revenue.no_figures)}</p> }.into_any()
                } else {
                    view! { <Totals totals=page.totals.clone() locale=locale.clone()/> }.into_any()
                }}
            </section>
        </div>
        <section class="card" id="figures">
            <h2>{tr!(revenue.latest)}</h2>
            {if page.figures.is_empty() {
                view! { <p>{tr!(revenue.no_figures)}</p> }.into_any()
            } else {
                view! { <Figures figures=page.figures.clone() locale=locale.clone()/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn RateList(rates: Vec<RateRow>, program: String) -> impl IntoView {
    view! {
        <ul class="rate-list">
            {rates.into_iter().map(|r| view! {
                <li>
                    <span>{tr!(revenue.rate_line, currency = r.currency.clone(), rate = r.rate.clone(), program = program.clone()).to_string()}</span>
                    <span class="muted">{tr!(revenue.from_day, day = r.valid_from.clone()).to_string()}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn RateForm(currencies: Vec<String>, program: String) -> impl IntoView {
    let action = ServerAction::<SetExchangeRate>::new();
    let error = action_error(action);
    let options: Vec<(String, String)> = currencies.into_iter().map(|c| (c.clone(), c)).collect();
    view! {
        <h3>{tr!(revenue.set_rate)}</h3>
        <FormError error/>
        <ServerForm action=action attr:novalidate=true>
            <div class="row">
                <SelectField id="f-rate-currency" name="currency" label=tr!(revenue.currency) options
                    selected=kept(error, "currency") empty=tr!(partners.choose) error=field_error(error, "currency")/>
                <TextField id="f-rate-from" name="valid_from" kind="date" label=tr!(revenue.valid_from)
                    value=kept(error, "valid_from") error=field_error(error, "valid_from")/>
            </div>
            <TextField id="f-rate" name="rate" label=tr!(revenue.rate, program = program.clone()).to_string()
                hint=tr!(revenue.rate_hint).to_owned() value=kept(error, "rate") error=field_error(error, "rate")/>
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(revenue.save_rate)}</button>
        </ServerForm>
    }
}

#[component]
fn Totals(totals: Vec<PeriodTotal>, locale: String) -> impl IntoView {
    view! {
        <ul class="totals">
            {totals.into_iter().map(|t| view! {
                <li>
                    <span class="totals-period">{t.period.clone()}<span class="muted">{format!(" · {}", tr!(revenue.figures, count = t.figures))}</span></span>
                    <span class="num">{t.amount.format(&locale)}</span>
                    <strong class="num">{match &t.in_program {
                        Some(m) => tr!(revenue.converted, amount = m.format(&locale)).to_string(),
                        None => tr!(revenue.no_rate, currency = t.amount.currency.clone()).to_string(),
                    }}</strong>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Figures(figures: Vec<FigureRow>, locale: String) -> impl IntoView {
    view! {
        <ul class="figure-list">
            {figures.into_iter().map(|f| view! {
                <li>
                    <a href=format!("/partners/{}", f.partner_id)>{f.partner_name.clone()}</a>
                    <span class="muted">{format!("{} · {}", f.period, f.source.label())}</span>
                    <strong class="num">{f.amount.format(&locale)}</strong>
                </li>
            }).collect_view()}
        </ul>
    }
}
