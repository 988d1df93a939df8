use super::partners::{region_options, segment_options, tier_options, type_options};
use super::{action_error, field_error};
use crate::api::partners::{get_partner, UpdatePartnerProfile, UpdatePartnerProgram};
use crate::components::avatar::Avatar;
use crate::components::field::{checks, SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::resource::page_data;
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
    let detail = page_data(
        move || (id(), profile.version().get(), program.version().get()),
        |(id, _, _)| async move {
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
        <Suspense fallback=|| view! { <p class="loading">"Loading the partner…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(error) => view! { <Title text="Partner"/><LoadError error/> }.into_any(),
                    Ok(p) => view! {
                        <Success show=saved("created") text="Partner added. Invite their first admin from Users."/>
                        <Success show=saved("profile") text="Profile saved."/>
                        <Success show=saved("program") text="Program placement saved."/>
                        <Success show=saved("logo") text="Logo updated."/>
                        <PartnerView partner=p profile program/>
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
) -> impl IntoView {
    let facts = [
        ("Type", partner.partner_type.map(|t| t.label().to_owned())),
        ("Tier", partner.tier.map(|t| t.label().to_owned())),
        ("Region", partner.region.map(|t| t.label().to_owned())),
        ("Partnership", partner.segment.map(|t| t.label().to_owned())),
        (
            "Distributor",
            partner.parent.as_ref().map(|c| c.name.clone()),
        ),
        (
            "Channel manager",
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
                <h2>"Program"</h2>
                <dl class="facts">
                    {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v.unwrap_or_else(|| "—".into())}</dd> }).collect_view()}
                </dl>
                {(!partner.children.is_empty()).then(|| view! {
                    <h3>"Resellers"</h3>
                    <ul>{partner.children.iter().map(|c| view! { <li><a href=format!("/partners/{}", c.id)>{c.name.clone()}</a></li> }).collect_view()}</ul>
                })}
            </section>
            {partner.can_edit.then(|| view! { <LogoForm id=partner.id has_logo=partner.logo_url.is_some()/> })}
            {if partner.can_edit {
                view! { <ProfileForm partner=partner.clone() action=profile/> }.into_any()
            } else {
                view! { <ProfileFacts partner=partner.clone()/> }.into_any()
            }}
            {partner.can_edit_program.then(|| view! { <ProgramForm partner=partner.clone() action=program/> })}
            <section class="card">
                <h2>"People"</h2>
                {if partner.users.is_empty() {
                    view! { <p>"Nobody from this company has joined yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="people">
                            {partner.users.iter().map(|u| view! {
                                <li>
                                    <span class="person-name">{u.name.clone()}</span>
                                    <span class="muted">{format!("{} · {}", u.role.label(), u.email)}</span>
                                    {(!u.active).then(|| view! { <span class="badge">"Deactivated"</span> })}
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
            <h2>"Logo"</h2>
            {move || problem().map(|m| view! { <p class="notice notice-error" role="alert" id="logo-error">{m}</p> })}
            <form method="post" enctype="multipart/form-data" action=format!("/partners/{id}/logo")>
                <div class="field">
                    <label for="f-logo">"Logo file"</label>
                    <p class="field-hint" id="f-logo-hint">"PNG, JPEG, WebP or SVG, up to 1 MB. A wide logo on a transparent background suits co-branded material best."</p>
                    <input id="f-logo" type="file" name="logo" accept="image/png,image/jpeg,image/webp,image/svg+xml" required aria-describedby="f-logo-hint"/>
                </div>
                <button type="submit" class="btn btn-primary">"Upload logo"</button>
            </form>
            {has_logo.then(|| view! {
                <form method="post" action=format!("/partners/{id}/logo/remove")>
                    <button type="submit" class="btn btn-quiet">"Remove logo"</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn ProfileFacts(partner: PartnerDetail) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Contact"</h2>
            <dl class="facts">
                <dt>"Website"</dt><dd>{partner.website}</dd>
                <dt>"Phone"</dt><dd>{partner.phone}</dd>
                <dt>"Email"</dt><dd>{partner.email}</dd>
                <dt>"Address"</dt><dd>{partner.address}</dd>
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
            <h2>"Contact and branding"</h2>
            <p class="muted">"Co-branded material uses these details."</p>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="id" value=partner.id/>
                <input type="hidden" name="version" value=partner.version/>
                <TextField name="website" label="Website" kind="url" autocomplete="url" value=value("website", &partner.website)
                    error=field_error(error, "website") check=checks::website/>
                <TextField name="phone" label="Phone" kind="tel" autocomplete="tel" value=value("phone", &partner.phone)
                    error=field_error(error, "phone") check=checks::phone/>
                <TextField name="email" label="Contact email" kind="email" autocomplete="email" value=value("email", &partner.email)
                    error=field_error(error, "email") check=checks::optional_email/>
                <TextField name="address" label="Street address" autocomplete="street-address" value=value("address", &partner.address)
                    error=field_error(error, "address")/>
                <div class="row">
                    <TextField name="city" label="City" autocomplete="address-level2" value=value("city", &partner.city) error=field_error(error, "city")/>
                    <TextField name="country" label="Country" autocomplete="country-name" value=value("country", &partner.country) error=field_error(error, "country")/>
                </div>
                <TextField name="brand_color" label="Brand colour" kind="color" value=value("brand_color", &partner.brand_color)
                    error=field_error(error, "brand_color") check=checks::colour/>
                <TextField name="description" label="About the company" multiline=true value=value("description", &partner.description)
                    error=field_error(error, "description")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Save profile"</button>
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
            <h2>"Program placement"</h2>
            <FormError error/>
            <ServerForm action=action attr:novalidate=true>
                <input type="hidden" name="id" value=partner.id/>
                <input type="hidden" name="version" value=partner.version/>
                <input type="hidden" name="parent_id" value=partner.parent.as_ref().map(|c| c.id.to_string()).unwrap_or_default()/>
                <TextField name="name" label="Company name" required=true value=kept("name", partner.name.clone())
                    error=field_error(error, "name") check=checks::name/>
                <SelectField name="partner_type" label="Type" options=type_options()
                    selected=kept("partner_type", partner.partner_type.map(|t| t.as_str().to_owned()).unwrap_or_default()) empty="Choose…" error=field_error(error, "partner_type")/>
                <SelectField name="tier" label="Tier" options=tier_options()
                    selected=kept("tier", partner.tier.map(|t| t.as_str().to_owned()).unwrap_or_default()) empty="Choose…" error=field_error(error, "tier")/>
                <SelectField name="region" label="Region" options=region_options()
                    selected=kept("region", partner.region.map(|t| t.as_str().to_owned()).unwrap_or_default()) empty="Choose…" error=field_error(error, "region")/>
                <SelectField name="segment" label="Partnership" options=segment_options()
                    selected=kept("segment", partner.segment.map(|t| t.as_str().to_owned()).unwrap_or_default()) empty="Choose…" error=field_error(error, "segment")/>
                <SelectField name="channel_manager_id" label="Channel manager" options=managers
                    selected=kept("channel_manager_id", partner.channel_manager_id.map(|i| i.to_string()).unwrap_or_default()) empty="Nobody yet" error=field_error(error, "channel_manager_id")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Save placement"</button>
            </ServerForm>
        </section>
    }
}
