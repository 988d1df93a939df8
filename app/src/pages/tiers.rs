//! `/tiers`: the program's tiers, highest first, with what each is worth
//! (deal protection, lead share, MDF accrual, discount) and how many
//! partners hold it. Vendor admins rename, re-rank and add tiers here.

use crate::api::tiers::{get_tiers, SavePartnerType, SaveTier};
use crate::components::field::TextField;
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::components::versions::{VersionFields, VersionedField};
use crate::pages::{action_error_for, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::tier::{bp_to_percent, PartnerTypeView, TierView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TiersPage() -> impl IntoView {
    let query = use_query_map();
    let tiers = page_data(|| (), |()| get_tiers());
    view! {
        <Title text=tr!(tiers.title)/>
        <h1>{tr!(tiers.title)}</h1>
        <p class="muted">{tr!(tiers.intro)}</p>
        {move || query.read().get("saved").map(|_| view! { <p class="notice notice-ok" role="status">{tr!(tiers.saved)}</p> })}
        <Transition fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match tiers.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(page) => {
                        let can_edit = page.can_edit;
                        view! {
                            <ul class="tier-list">
                                {page.tiers.into_iter().map(|t| view! { <TierCard tier=t can_edit/> }).collect_view()}
                            </ul>
                            {can_edit.then(|| view! {
                                <section class="card">
                                    <h2>{tr!(tiers.new_tier)}</h2>
                                    <p class="muted">{tr!(tiers.new_hint)}</p>
                                    <TierForm tier=None action=ServerAction::new()/>
                                </section>
                            })}
                            <PartnerTypes types=page.partner_types can_edit/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// "2,5 %" or "2.5%", as the reader writes percentages.
fn percent(bp: i32) -> String {
    tr!(
        tiers.percent_value,
        value = &localised_decimal(&bp_to_percent(bp))
    )
    .to_string()
}

fn localised_decimal(number: &str) -> String {
    if crate::locale::current_code() == "de" {
        number.replace('.', ",")
    } else {
        number.to_owned()
    }
}

#[component]
fn TierCard(tier: TierView, can_edit: bool) -> impl IntoView {
    let partners = tr!(tiers.partners, count = tier.partners).to_string();
    let benefits = [
        (
            tr!(tiers.deal_protection),
            tr!(tiers.days, count = tier.deal_protection_days).to_string(),
        ),
        (
            tr!(tiers.lead_weight),
            tr!(tiers.percent_value, value = &tier.lead_weight.to_string()).to_string(),
        ),
        (tr!(tiers.mdf_accrual), percent(tier.mdf_accrual_bp)),
        (tr!(tiers.discount), percent(tier.discount_bp)),
    ];
    view! {
        <li class="card tier-card">
            <div class="tier-head">
                <h2><span class=format!("tier tier-{}", tier.code)>{tier.name.clone()}</span></h2>
                <span class="muted">{tr!(tiers.rank_of, rank = tier.rank).to_string()}</span>
            </div>
            <p><a href=format!("/partners?tier={}", tier.code)>{partners}</a></p>
            <dl class="facts">
                {benefits.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
            {can_edit.then(|| {
                let action = ServerAction::<SaveTier>::new();
                // A refused save comes back open, with its messages.
                let open = action_error_for(action, Some(tier.id)).get_untracked().is_some();
                view! {
                    <details class="family-form" open=open>
                        <summary class="btn btn-quiet">{tr!(tiers.change)}</summary>
                        <TierForm tier=Some(tier.clone()) action/>
                    </details>
                }
            })}
        </li>
    }
}

/// Changes `tier`, or adds a new one.
#[component]
fn TierForm(tier: Option<TierView>, action: ServerAction<SaveTier>) -> impl IntoView {
    let error = action_error_for(action, tier.as_ref().map(|t| t.id));
    let prefix = tier
        .as_ref()
        .map_or_else(|| "tier-new".to_owned(), |t| format!("tier-{}", t.code));
    let value = |field: &str, stored: String| {
        if error.get_untracked().is_some() {
            kept(error, field)
        } else {
            stored
        }
    };
    let stored = |f: fn(&TierView) -> String, default: &str| {
        tier.as_ref().map_or_else(|| default.to_owned(), f)
    };
    let name = value(
        "name",
        tier.as_ref()
            .and_then(|t| t.texts.as_ref().map(|x| x.original("name")))
            .unwrap_or_default(),
    );
    let rank = value("rank", stored(|t| t.rank.to_string(), ""));
    let days = value(
        "deal_protection_days",
        stored(|t| t.deal_protection_days.to_string(), "90"),
    );
    let weight = value("lead_weight", stored(|t| t.lead_weight.to_string(), "100"));
    let accrual = value(
        "mdf_accrual",
        stored(|t| localised_decimal(&bp_to_percent(t.mdf_accrual_bp)), "0"),
    );
    let discount = value(
        "discount",
        stored(|t| localised_decimal(&bp_to_percent(t.discount_bp)), "0"),
    );
    let texts = tier.as_ref().and_then(|t| t.texts.clone());
    let id = {
        let prefix = prefix.clone();
        move |field: &str| format!("{prefix}-{field}")
    };
    let button = if tier.is_some() {
        tr!(tiers.save)
    } else {
        tr!(tiers.add)
    };
    view! {
        <ServerForm action attr:class="form" attr:novalidate=true>
            <FormError error/>
            {tier.as_ref().map(|t| view! { <input type="hidden" name="id" value=t.id/> })}
            <TextField name="name" id=id("name") label=tr!(tiers.name) value=name required=true error=field_error(error, "name")/>
            <VersionFields texts id_prefix=prefix.clone() error fields=vec![VersionedField::line("name", tr!(tiers.name).to_owned())]/>
            <div class="row">
                <TextField name="rank" id=id("rank") label=tr!(tiers.rank) kind="number" value=rank hint=tr!(tiers.rank_hint) error=field_error(error, "rank")/>
                <TextField name="deal_protection_days" id=id("days") label=tr!(tiers.deal_protection_days) kind="number" value=days error=field_error(error, "deal_protection_days")/>
            </div>
            <div class="row">
                <TextField name="lead_weight" id=id("weight") label=tr!(tiers.lead_weight_percent) kind="number" value=weight hint=tr!(tiers.lead_weight_hint) error=field_error(error, "lead_weight")/>
                <TextField name="mdf_accrual" id=id("accrual") label=tr!(tiers.mdf_accrual_percent) value=accrual error=field_error(error, "mdf_accrual")/>
            </div>
            <TextField name="discount" id=id("discount") label=tr!(tiers.discount_percent) value=discount error=field_error(error, "discount")/>
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{button}</button>
        </ServerForm>
    }
}

/// The program's partner types, each with its partners; keepers rename
/// them, mark which distribute, and add new ones.
#[component]
fn PartnerTypes(types: Vec<PartnerTypeView>, can_edit: bool) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{tr!(tiers.partner_types)}</h2>
            <p class="muted">{tr!(tiers.types_hint)}</p>
            <ul class="people families">
                {types.into_iter().map(|t| {
                    let count = tr!(tiers.partners, count = t.partners).to_string();
                    view! {
                        <li>
                            <div class="family-line">
                                <span>
                                    <a href=format!("/partners?type={}", t.code)>{t.name.clone()}</a>
                                    {t.distributes.then(|| view! { " " <span class="badge">{tr!(tiers.distributes)}</span> })}
                                </span>
                                <span class="muted">{count}</span>
                            </div>
                            {can_edit.then(|| view! {
                                {
                                    let action = ServerAction::<SavePartnerType>::new();
                                    let open = action_error_for(action, Some(t.id)).get_untracked().is_some();
                                    view! {
                                        <details class="family-form" open=open>
                                            <summary class="btn btn-quiet">{tr!(tiers.change)}</summary>
                                            <TypeForm partner_type=Some(t.clone()) action/>
                                        </details>
                                    }
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_edit.then(|| {
                let action = ServerAction::<SavePartnerType>::new();
                let open = action_error_for(action, None).get_untracked().is_some();
                view! {
                    <details class="family-form" open=open>
                        <summary class="btn">{tr!(tiers.new_type)}</summary>
                        <TypeForm partner_type=None action/>
                    </details>
                }
            })}
        </section>
    }
}

/// Renames `partner_type`, or adds a new one.
#[component]
fn TypeForm(
    partner_type: Option<PartnerTypeView>,
    action: ServerAction<SavePartnerType>,
) -> impl IntoView {
    let error = action_error_for(action, partner_type.as_ref().map(|t| t.id));
    let prefix = partner_type
        .as_ref()
        .map_or_else(|| "type-new".to_owned(), |t| format!("type-{}", t.code));
    let stored = partner_type
        .as_ref()
        .and_then(|t| t.texts.as_ref().map(|x| x.original("name")))
        .unwrap_or_default();
    let name = if error.get_untracked().is_some() {
        kept(error, "name")
    } else {
        stored
    };
    let distributes = partner_type.as_ref().is_some_and(|t| t.distributes);
    let texts = partner_type.as_ref().and_then(|t| t.texts.clone());
    let button = if partner_type.is_some() {
        tr!(tiers.save_type)
    } else {
        tr!(tiers.add_type)
    };
    view! {
        <ServerForm action attr:class="form" attr:novalidate=true>
            <FormError error/>
            {partner_type.as_ref().map(|t| view! { <input type="hidden" name="id" value=t.id/> })}
            <TextField name="name" id=format!("{prefix}-name") label=tr!(tiers.type_name) value=name required=true error=field_error(error, "name")/>
            <VersionFields texts id_prefix=prefix.clone() error fields=vec![VersionedField::line("name", tr!(tiers.type_name).to_owned())]/>
            <label class="check">
                <input type="checkbox" name="distributes" id=format!("{prefix}-distributes") checked=distributes/>
                {tr!(tiers.distributes_label)}
            </label>
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{button}</button>
        </ServerForm>
    }
}
