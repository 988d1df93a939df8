//! The partner page's territory card: where the partner works. Vendor
//! admins and the partner's channel manager add and remove areas and set
//! its location; the partner reads it.

use super::{action_error, field_error, kept};
use crate::api::territories::{AddTerritoryAreas, RemoveTerritoryArea, SetPartnerLocation};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::FormError;
use crate::components::server_form::ServerForm;
use crate::tr;
use crate::types::territory::{AreaView, Location, TerritoryView};
use leptos::prelude::*;

/// The three forms of the card, created by the page so that a save reloads
/// the partner.
#[derive(Clone, Copy)]
pub struct TerritoryActions {
    pub add: ServerAction<AddTerritoryAreas>,
    pub remove: ServerAction<RemoveTerritoryArea>,
    pub locate: ServerAction<SetPartnerLocation>,
}

impl Default for TerritoryActions {
    fn default() -> Self {
        Self {
            add: ServerAction::new(),
            remove: ServerAction::new(),
            locate: ServerAction::new(),
        }
    }
}

impl TerritoryActions {
    /// Changes whenever one of the forms saved.
    pub fn version(&self) -> (usize, usize, usize) {
        (
            self.add.version().get(),
            self.remove.version().get(),
            self.locate.version().get(),
        )
    }
}

/// "Bayern", "postcodes 80…", or "the whole country".
fn area_extent(area: &AreaView) -> String {
    if !area.region.is_empty() {
        area.region.clone()
    } else if !area.postcode_prefix.is_empty() {
        tr!(
            territory.postcodes_from,
            prefix = area.postcode_prefix.clone()
        )
        .to_string()
    } else {
        tr!(territory.whole_country).to_owned()
    }
}

#[component]
pub fn TerritoryCard(
    partner_id: i64,
    territory: TerritoryView,
    actions: TerritoryActions,
) -> impl IntoView {
    let empty = territory.areas.is_empty() && territory.location.is_none();
    let can_edit = territory.can_edit;
    let TerritoryView {
        areas,
        location,
        countries,
        ..
    } = territory;
    let remove_error = action_error(actions.remove);
    view! {
        <section class="card" id="territory">
            <h2>{tr!(territory.title)}</h2>
            {empty.then(|| view! {
                <p class="muted">{if can_edit { tr!(territory.none_yet) } else { tr!(territory.none_yet_partner) }}</p>
            })}
            <FormError error=remove_error/>
            {(!areas.is_empty()).then(move || view! {
                <ul class="territory-areas">
                    {areas.into_iter().map(|area| {
                        let extent = area_extent(&area);
                        let label = tr!(territory.remove_area, area = format!("{}, {extent}", area.country_name)).to_string();
                        view! {
                            <li>
                                <span><strong>{area.country_name}</strong>" · "{extent}</span>
                                {can_edit.then(|| view! {
                                    <ServerForm action=actions.remove attr:class="inline-form">
                                        <input type="hidden" name="id" value=partner_id/>
                                        <input type="hidden" name="area_id" value=area.id/>
                                        <button type="submit" class="btn btn-quiet btn-small" aria-label=label>{tr!(territory.remove)}</button>
                                    </ServerForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {location.map(|location| view! { <LocationFacts location/> })}
            {can_edit.then(move || view! {
                <AddAreas partner_id countries action=actions.add/>
                <LocationForm partner_id location action=actions.locate/>
            })}
        </section>
    }
}

#[component]
fn LocationFacts(location: Location) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>{tr!(territory.location)}</dt>
            <dd>
                {location.at.text()}" "
                <a href=location.at.map_url() target="_blank" rel="noopener noreferrer">{tr!(territory.on_map)}</a>
            </dd>
            {location.radius_km.map(|km| view! {
                <dt>{tr!(territory.serves)}</dt>
                <dd>{tr!(territory.within_km, km = km).to_string()}</dd>
            })}
        </dl>
    }
}

#[component]
fn AddAreas(
    partner_id: i64,
    countries: Vec<(String, String)>,
    action: ServerAction<AddTerritoryAreas>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <h3>{tr!(territory.add_title)}</h3>
        <FormError error/>
        <ServerForm action=action attr:novalidate=true>
            <input type="hidden" name="id" value=partner_id/>
            <SelectField id="f-area-country" name="country" label=tr!(territory.country) options=countries
                selected=kept(error, "country") empty=tr!(territory.choose) error=field_error(error, "country")/>
            <TextField id="f-area-region" name="region" label=tr!(territory.region) hint=tr!(territory.region_hint)
                value=kept(error, "region") error=field_error(error, "region")/>
            <TextField id="f-area-postcodes" name="postcodes" label=tr!(territory.postcodes) hint=tr!(territory.postcodes_hint)
                value=kept(error, "postcodes") error=field_error(error, "postcodes")/>
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(territory.add)}</button>
        </ServerForm>
    }
}

#[component]
fn LocationForm(
    partner_id: i64,
    location: Option<Location>,
    action: ServerAction<SetPartnerLocation>,
) -> impl IntoView {
    let error = action_error(action);
    // After a failed submit the form keeps what was typed, not the stored value.
    let value = move |name: &str, stored: String| {
        error
            .get_untracked()
            .and_then(|e| e.kept(name))
            .unwrap_or(stored)
    };
    let coordinates = location.map(|l| l.at.text()).unwrap_or_default();
    let radius = location
        .and_then(|l| l.radius_km)
        .map(|r| r.to_string())
        .unwrap_or_default();
    view! {
        <h3>{tr!(territory.location_title)}</h3>
        <FormError error/>
        <ServerForm action=action attr:novalidate=true>
            <input type="hidden" name="id" value=partner_id/>
            <TextField id="f-coordinates" name="coordinates" label=tr!(territory.coordinates) hint=tr!(territory.coordinates_hint)
                value=value("coordinates", coordinates) error=field_error(error, "coordinates")/>
            <TextField id="f-radius" name="radius_km" label=tr!(territory.radius) kind="number" hint=tr!(territory.radius_hint)
                value=value("radius_km", radius) error=field_error(error, "radius_km")/>
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(territory.save_location)}</button>
        </ServerForm>
    }
}
