use super::partners::{region_options, segment_options};
use super::territory::{TerritoryActions, TerritoryCard};
use super::{action_error, field_error};
use crate::api::partners::{get_partner, UpdatePartnerProfile, UpdatePartnerProgram};
use crate::components::avatar::Avatar;
use crate::components::field::{Check, SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::partner_field::PartnerField;
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::resource::page_data;
use crate::tr;
use crate::types::views::PartnerDetail;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PartnerPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let profile = ServerAction::<UpdatePartnerProfile>::new();
    let program = ServerAction::<UpdatePartnerProgram>::new();
    let territory = TerritoryActions::default();
    let detail = page_data(
        move || {
            (
                id(),
                profile.version().get(),
                program.version().get(),
                territory.version(),
            )
        },
        |(id, _, _, _)| async move {
            match id {
                Some(id) => get_partner(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Suspense fallback=|| view! { <p class="loading">{tr!(partner.loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(error) => view! { <Title text=tr!(partner.title)/><LoadError error/> }.into_any(),
                    Ok(p) => view! {
                        <Success show=saved("created") text=tr!(partner.created)/>
                        <Success show=saved("profile") text=tr!(partner.profile_saved)/>
                        <Success show=saved("program") text=tr!(partner.program_saved)/>
                        <Success show=saved("logo") text=tr!(partner.logo_saved)/>
                        <Success show=saved("territory") text=tr!(territory.saved)/>
                        <Success show=saved("location") text=tr!(territory.location_saved)/>
                        <Success show=saved("leads") text=tr!(leads.partner_saved)/>
                        <PartnerView partner=p profile program territory/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PartnerView(
    partner: PartnerDetail,
    profile: ServerAction<UpdatePartnerProfile>,
    program: ServerAction<UpdatePartnerProgram>,
    territory: TerritoryActions,
) -> impl IntoView {
    let facts = [
        (
            tr!(partners.partner_type),
            partner.partner_type.clone().map(|t| t.name),
        ),
        (tr!(partners.tier), partner.tier.clone().map(|t| t.name)),
        (
            tr!(partners.region),
            partner.region.map(|t| t.label().to_owned()),
        ),
        (
            tr!(partners.partnership),
            partner.segment.map(|t| t.label().to_owned()),
        ),
        (
            tr!(partner.channel_manager),
            partner
                .channel_manager
                .as_ref()
                .map(|c| format!("{} ({})", c.name, c.email)),
        ),
    ];
    view! {
        <Title text=partner.name.clone()/>
        <div class="partner-head">
            <Avatar name=partner.name.clone() colour=partner.brand_color.clone() logo=partner.logo_url.clone() large=true/>
            <div>
                <h1>{partner.name.clone()}</h1>
                <p class="muted">{[partner.city.as_str(), partner.country.as_str()].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(", ")}</p>
            </div>
        </div>
        <div class="grid">
            <section class="card">
                <h2>{tr!(partner.program)}</h2>
                <dl class="facts">
                    {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v.unwrap_or_else(|| "—".into())}</dd> }).collect_view()}
                </dl>
            </section>
            {(!partner.buys_through.is_empty() || partner.below.total > 0).then(|| view! { <ChannelCard partner=partner.clone()/> })}
            {partner.can_edit.then(|| view! { <LogoForm id=partner.id has_logo=partner.logo_url.is_some()/> })}
            {if partner.can_edit {
                view! { <ProfileForm partner=partner.clone() action=profile/> }.into_any()
            } else {
                view! { <ProfileFacts partner=partner.clone()/> }.into_any()
            }}
            {partner.can_edit_program.then(|| view! { <ProgramForm partner=partner.clone() action=program/> })}
            <TerritoryCard partner_id=partner.id territory=partner.territory.clone() actions=territory/>
            {partner.leads.clone().map(|leads| view! { <crate::pages::leads::partner_card::LeadCard partner_id=partner.id leads/> })}
            <section class="card">
                <h2>{tr!(partner.people)}</h2>
                {if partner.users.is_empty() {
                    view! { <p>{tr!(partner.nobody)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="people">
                            {partner.users.iter().map(|u| view! {
                                <li>
                                    <span class="person-name">{u.name.clone()}</span>
                                    <span class="muted">{format!("{} · {}", u.role.label(), u.email)}</span>
                                    {(!u.active).then(|| view! { <span class="badge">{tr!(users.deactivated)}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

/// Logo upload as a plain multipart form: it works without JavaScript and
/// comes back to this page with the outcome in the address.
#[component]
fn LogoForm(id: i64, has_logo: bool) -> impl IntoView {
    let query = use_query_map();
    let problem = move || query.read().get("logo_error");
    view! {
        <section class="card">
            <h2>{tr!(partner.logo)}</h2>
            {move || problem().map(|m| view! { <p class="notice notice-error" role="alert" id="logo-error">{m}</p> })}
            <form method="post" enctype="multipart/form-data" action=format!("/partners/{id}/logo")>
                <div class="field">
                    <label for="f-logo">{tr!(partner.logo_file)}</label>
                    <p class="field-hint" id="f-logo-hint">{tr!(partner.logo_hint)}</p>
                    <input id="f-logo" type="file" name="logo" accept="image/png,image/jpeg,image/webp,image/svg+xml" required aria-describedby="f-logo-hint"/>
                </div>
                <button type="submit" class="btn btn-primary">{tr!(partner.upload_logo)}</button>
            </form>
            {has_logo.then(|| view! {
                <form method="post" action=format!("/partners/{id}/logo/remove")>
                    <button type="submit" class="btn btn-quiet">{tr!(partner.remove_logo)}</button>
                </form>
            })}
        </section>
    }
}

/// Where the partner sits in the channel: the companies it buys through,
/// top first, and the partners that buy through it.
#[component]
fn ChannelCard(partner: PartnerDetail) -> impl IntoView {
    let below = partner.below.clone();
    let count = if below.total_capped {
        tr!(partner.below_more, count = below.total).to_string()
    } else {
        tr!(partner.below_count, count = below.total).to_string()
    };
    view! {
        <section class="card channel" id="channel">
            <h2>{tr!(partner.channel)}</h2>
            {(!partner.buys_through.is_empty()).then(|| view! {
                <h3>{tr!(partner.buys_through)}</h3>
                <ol class="channel-path">
                    {partner.buys_through.iter().map(|step| view! {
                        <li>{if step.open {
                            view! { <a href=format!("/partners/{}", step.id)>{step.name.clone()}</a> }.into_any()
                        } else {
                            view! { <span>{step.name.clone()}</span> }.into_any()
                        }}</li>
                    }).collect_view()}
                    <li aria-current="true">{partner.name.clone()}</li>
                </ol>
            })}
            {(below.total > 0).then(|| view! {
                <h3>{tr!(partner.below)}</h3>
                <p class="muted">{count}</p>
                <ul class="channel-below">
                    {below.direct.iter().map(|c| view! { <li><a href=format!("/partners/{}", c.id)>{c.name.clone()}</a></li> }).collect_view()}
                </ul>
                {(below.direct_more || below.total as usize > below.direct.len()).then(|| view! {
                    <p><a href="/partners">{tr!(partner.see_channel)}</a></p>
                })}
            })}
        </section>
    }
}

#[component]
fn ProfileFacts(partner: PartnerDetail) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{tr!(partner.contact)}</h2>
            <dl class="facts">
                <dt>{tr!(partner.website)}</dt><dd>{partner.website}</dd>
                <dt>{tr!(partner.phone)}</dt><dd>{partner.phone}</dd>
                <dt>{tr!(users.email)}</dt><dd>{partner.email}</dd>
                <dt>{tr!(partner.address)}</dt><dd>{partner.address}</dd>
            </dl>
            {(!partner.description.is_empty()).then(|| view! { <p>{partner.description}</p> })}
        </section>
    }
}

#[component]
fn ProfileForm(
    partner: PartnerDetail,
    action: ServerAction<UpdatePartnerProfile>,
) -> impl IntoView {
    let error = action_error(action);
    // After a failed submit the form keeps what was typed, not the stored value.
    let value = move |name: &str, stored: &str| {
        error
            .get_untracked()
            .and_then(|e| e.kept(name))
            .unwrap_or_else(|| stored.to_owned())
    };
    view! {
        <section class="card">
            <h2>{tr!(partner.contact_branding)}</h2>
            <p class="muted">{tr!(partner.uses_details)}</p>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="id" value=partner.id/>
                <input type="hidden" name="version" value=partner.version/>
                <TextField name="website" label=tr!(partner.website) kind="url" autocomplete="url" value=value("website", &partner.website)
                    error=field_error(error, "website") check=Check::Website/>
                <TextField name="phone" label=tr!(partner.phone) kind="tel" autocomplete="tel" value=value("phone", &partner.phone)
                    error=field_error(error, "phone") check=Check::Phone/>
                <TextField name="email" label=tr!(partner.contact_email) kind="email" autocomplete="email" value=value("email", &partner.email)
                    error=field_error(error, "email") check=Check::OptionalEmail/>
                <TextField name="address" label=tr!(partner.street) autocomplete="street-address" value=value("address", &partner.address)
                    error=field_error(error, "address")/>
                <div class="row">
                    <TextField name="city" label=tr!(partner.city) autocomplete="address-level2" value=value("city", &partner.city) error=field_error(error, "city")/>
                    <TextField name="country" label=tr!(partner.country) autocomplete="country-name" value=value("country", &partner.country) error=field_error(error, "country")/>
                </div>
                <TextField name="brand_color" label=tr!(partner.brand_colour) kind="color" value=value("brand_color", &partner.brand_color)
                    error=field_error(error, "brand_color") check=Check::Colour/>
                <TextField name="description" label=tr!(partner.about) multiline=true value=value("description", &partner.description)
                    error=field_error(error, "description")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(partner.save_profile)}</button>
            </ServerForm>
        </section>
    }
}

#[component]
fn ProgramForm(
    partner: PartnerDetail,
    action: ServerAction<UpdatePartnerProgram>,
) -> impl IntoView {
    let error = action_error(action);
    let kept = move |name: &str, stored: String| {
        error
            .get_untracked()
            .and_then(|e| e.kept(name))
            .unwrap_or(stored)
    };
    let managers: Vec<(String, String)> = partner
        .managers
        .iter()
        .map(|m| (m.id.to_string(), m.name.clone()))
        .collect();
    view! {
        <section class="card">
            <h2>{tr!(partner.placement)}</h2>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="id" value=partner.id/>
                <input type="hidden" name="version" value=partner.version/>
                <TextField name="name" label=tr!(partners.company_name) required=true value=kept("name", partner.name.clone())
                    error=field_error(error, "name") check=Check::Name/>
                <SelectField name="partner_type" label=tr!(partners.partner_type) options=partner.partner_types.clone()
                    selected=kept("partner_type", partner.partner_type.clone().map(|t| t.code).unwrap_or_default()) empty=tr!(partners.choose) error=field_error(error, "partner_type")/>
                <SelectField name="tier" label=tr!(partners.tier) options=partner.tiers.clone()
                    selected=kept("tier", partner.tier.clone().map(|t| t.code).unwrap_or_default()) empty=tr!(partners.choose) error=field_error(error, "tier")/>
                <SelectField name="region" label=tr!(partners.region) options=region_options()
                    selected=kept("region", partner.region.map(|t| t.as_str().to_owned()).unwrap_or_default()) empty=tr!(partners.choose) error=field_error(error, "region")/>
                <SelectField name="segment" label=tr!(partners.partnership) options=segment_options()
                    selected=kept("segment", partner.segment.map(|t| t.as_str().to_owned()).unwrap_or_default()) empty=tr!(partners.choose) error=field_error(error, "segment")/>
                <SelectField name="channel_manager_id" label=tr!(partner.channel_manager) options=managers
                    selected=kept("channel_manager_id", partner.channel_manager_id.map(|i| i.to_string()).unwrap_or_default()) empty=tr!(partner.nobody_yet) error=field_error(error, "channel_manager_id")/>
                <PartnerField id="f-buys-through" name="buys_through" label=tr!(partner.buys_through) partners=Vec::new() all_listed=false
                    selected=kept("buys_through", partner.buys_through.last().map(|p| p.name.clone()).unwrap_or_default()) empty="" error=field_error(error, "buys_through")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(partner.save_placement)}</button>
            </ServerForm>
        </section>
    }
}
