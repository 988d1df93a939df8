use super::dashboard::PartnerCard;
use super::{action_error, field_error, kept};
use crate::api::partners::{list_partners, CreatePartner};
use crate::api::tiers::get_audience_choices;
use crate::components::field::{Check, SelectField, TextField};
use crate::components::layout::use_me;
use crate::components::notice::{FormError, LoadError};
use crate::components::partner_field::PartnerField;
use crate::components::server_form::ServerForm;
use crate::resource::page_data;
use crate::tr;
use crate::types::url::encode_query_value;
use crate::types::views::PartnerFilter;
use crate::types::Permission;
use crate::types::{OrgKind, Region, Segment};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|t| (code(*t).to_owned(), label(*t).to_owned()))
        .collect()
}

pub fn region_options() -> Vec<(String, String)> {
    options(Region::ALL, Region::as_str, Region::label)
}
pub fn segment_options() -> Vec<(String, String)> {
    options(Segment::ALL, Segment::as_str, Segment::label)
}

/// Whether the reader narrowed the list (an empty list then says "no match"
/// rather than "nobody yet").
fn has_filters(f: &PartnerFilter) -> bool {
    [
        &f.q,
        &f.tier,
        &f.region,
        &f.partner_type,
        &f.country,
        &f.postcode,
    ]
    .iter()
    .any(|v| !v.trim().is_empty())
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let me = use_me();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        PartnerFilter {
            q: get("q"),
            tier: get("tier"),
            region: get("region"),
            partner_type: get("type"),
            country: get("country"),
            postcode: get("postcode"),
            after: get("after"),
        }
    };
    let list = page_data(filter, list_partners);
    let choices = page_data(|| (), |_| get_audience_choices());
    let tier_options = move || async move { choices.await.map(|c| c.tiers).unwrap_or_default() };
    let type_options =
        move || async move { choices.await.map(|c| c.partner_types).unwrap_or_default() };
    let country_options =
        move || async move { choices.await.map(|c| c.countries).unwrap_or_default() };
    let none = Signal::derive(|| None::<String>);
    let current = filter();
    let next_href = move |after: String| {
        let f = filter();
        format!(
            "/partners?q={}&tier={}&region={}&type={}&country={}&postcode={}&after={after}",
            encode_query_value(&f.q),
            encode_query_value(&f.tier),
            encode_query_value(&f.region),
            encode_query_value(&f.partner_type),
            encode_query_value(&f.country),
            encode_query_value(&f.postcode)
        )
    };
    view! {
        <div class="page-head">
            <Suspense fallback=|| view! { <h1>{tr!(partners.title)}</h1> }>
                {move || Suspend::new(async move {
                    // A partner admin reads the partners that buy through
                    // their company: their channel, not the program.
                    let title = match me.user().await {
                        Ok(u) if u.org_kind == OrgKind::Partner => tr!(partners.channel_title),
                        _ => tr!(partners.title),
                    };
                    view! { <Title text=title/><h1>{title}</h1> }
                })}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let tiers = tier_options().await;
                    let types = type_options().await;
                    me.user().await.ok().filter(|u| u.role.may(Permission::AddPartners)).map(|_| view! { <AddPartner tiers types/> })
                })}
            </Suspense>
        </div>
        <Form method="GET" action="/partners" attr:class="filters" attr:role="search">
            <div class="field field-search">
                <label for="f-q">{tr!(partners.search)}</label>
                <input id="f-q" type="search" name="q" value=current.q.clone() placeholder=tr!(partners.search_hint)/>
            </div>
            <Suspense fallback=|| ()>
                {
                    let selected = current.tier.clone();
                    move || {
                        let selected = selected.clone();
                        Suspend::new(async move {
                            view! { <SelectField id="filter-tier" name="tier" label=tr!(partners.tier) options=tier_options().await selected empty=tr!(partners.any_tier) error=none/> }
                        })
                    }
                }
            </Suspense>
            <SelectField id="filter-region" name="region" label=tr!(partners.region) options=region_options() selected=current.region.clone() empty=tr!(partners.any_region) error=none/>
            <Suspense fallback=|| ()>
                {
                    let selected = current.partner_type.clone();
                    move || {
                        let selected = selected.clone();
                        Suspend::new(async move {
                            view! { <SelectField id="filter-type" name="type" label=tr!(partners.partner_type) options=type_options().await selected empty=tr!(partners.any_type) error=none/> }
                        })
                    }
                }
            </Suspense>
            <Suspense fallback=|| ()>
                {
                    let selected = current.country.clone();
                    move || {
                        let selected = selected.clone();
                        Suspend::new(async move {
                            view! { <SelectField id="filter-country" name="country" label=tr!(partners.works_in) options=country_options().await selected empty=tr!(partners.anywhere) error=none/> }
                        })
                    }
                }
            </Suspense>
            <div class="field">
                <label for="filter-postcode">{tr!(partners.at_postcode)}</label>
                <input id="filter-postcode" name="postcode" value=current.postcode.clone() autocomplete="off" inputmode="text"/>
            </div>
            <div class="filter-actions">
                <button type="submit" class="btn btn-primary">{tr!(partners.filter)}</button>
                <a class="btn btn-quiet" href="/partners">{tr!(partners.clear)}</a>
            </div>
        </Form>
        <Transition fallback=|| view! { <p class="loading">{tr!(partners.loading)}</p> }>
            {move || Suspend::new(async move {
                let channel_only = me.user().await.is_ok_and(|u| u.org_kind == OrgKind::Partner);
                match list.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(page) => {
                        let shown = page.items.len();
                        let empty = if channel_only && !has_filters(&filter()) { tr!(partners.nobody_yet) } else { tr!(partners.no_match) };
                        view! {
                            <p class="muted" role="status">
                                {if page.total_capped {
                                    tr!(partners.match_more, count = page.total).to_string()
                                } else {
                                    tr!(partners.match_count, count = page.total).to_string()
                                }}
                            </p>
                            {(shown == 0).then(|| view! {
                                <p class="card">{empty}</p>
                            })}
                            <ul class="partner-list partner-grid">
                                {page.items.into_iter().map(|p| view! { <PartnerCard partner=p/> }).collect_view()}
                            </ul>
                            {page.next_after.map(|after| view! {
                                <p class="pager"><a class="btn" href=next_href(after)>{tr!(partners.next_page)}</a></p>
                            })}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn AddPartner(tiers: Vec<(String, String)>, types: Vec<(String, String)>) -> impl IntoView {
    let action = ServerAction::<CreatePartner>::new();
    let error = action_error(action);
    let open = move || error.get().is_some();
    view! {
        <details class="add-partner" open=open>
            <summary class="btn btn-primary">{tr!(partners.add)}</summary>
            <div class="card">
                <h2>{tr!(partners.new_company)}</h2>
                <FormError error/>
                <ServerForm action=action attr:novalidate=true>
                    <input type="hidden" name="channel_manager_id" value=""/>
                    <TextField name="name" label=tr!(partners.company_name) required=true value=kept(error, "name")
                        error=field_error(error, "name") check=Check::Name/>
                    <SelectField name="partner_type" label=tr!(partners.partner_type) options=types selected=kept(error, "partner_type") empty=tr!(partners.choose) error=field_error(error, "partner_type")/>
                    <SelectField name="tier" label=tr!(partners.tier) options=tiers selected=kept(error, "tier") empty=tr!(partners.choose) error=field_error(error, "tier")/>
                    <SelectField name="region" label=tr!(partners.region) options=region_options() selected=kept(error, "region") empty=tr!(partners.choose) error=field_error(error, "region")/>
                    <SelectField name="segment" label=tr!(partners.partnership) options=segment_options() selected=kept(error, "segment") empty=tr!(partners.choose) error=field_error(error, "segment")/>
                    <PartnerField id="f-new-buys-through" name="buys_through" label=tr!(partner.buys_through) partners=Vec::new() all_listed=false
                        selected=kept(error, "buys_through") empty="" error=field_error(error, "buys_through")/>
                    <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(partners.add)}</button>
                </ServerForm>
            </div>
        </details>
    }
}
