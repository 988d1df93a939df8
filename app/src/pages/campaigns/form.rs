//! The vendor's campaign form (new and edit).

use crate::api::campaigns::{get_campaign_form, SaveCampaign};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::{page_data, PageData};
use crate::types::campaign::CampaignForm;
use crate::types::cobrand::TemplateKind;
use crate::types::org::{PartnerType, Region, Tier};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewCampaignPage() -> impl IntoView {
    let form = page_data(|| (), |_| get_campaign_form(None));
    view! {
        <Title text="New campaign"/>
        <h1>"New campaign"</h1>
        <Loaded form/>
    }
}

#[component]
pub fn EditCampaignPage() -> impl IntoView {
    let params = use_params_map();
    let form = page_data(
        move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => get_campaign_form(Some(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Edit campaign"/>
        <h1>"Edit campaign"</h1>
        <Loaded form/>
    }
}

#[component]
fn Loaded(form: PageData<Result<CampaignForm, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(f) => view! { <Fields form=f/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn checks(
    name: &'static str,
    options: Vec<(String, String)>,
    chosen: Vec<String>,
) -> impl IntoView {
    view! {
        <div class="checks">
            {options.into_iter().map(|(code, label)| {
                let checked = chosen.contains(&code);
                view! { <label class="check"><input type="checkbox" name=format!("{name}[{code}]") checked=checked/>{label}</label> }
            }).collect_view()}
        </div>
    }
}

#[component]
fn Fields(form: CampaignForm) -> impl IntoView {
    let action = ServerAction::<SaveCampaign>::new();
    let error = action_error(action);
    let d = form.detail.clone();
    let value = |name: &str, current: String| {
        let typed = kept(error, name);
        if typed.is_empty() {
            current
        } else {
            typed
        }
    };
    let get = |pick: fn(&crate::types::campaign::CampaignDetail) -> String| {
        d.as_ref().map(pick).unwrap_or_default()
    };
    let name = value("name", get(|d| d.card.name.clone()));
    let goal = value("goal", get(|d| d.card.goal.clone()));
    let description = value("description", get(|d| d.description.clone()));
    let starts_on = value("starts_on", get(|d| d.starts_on.clone()));
    let ends_on = value("ends_on", get(|d| d.ends_on.clone()));
    let subject = value("email_subject", get(|d| d.email_subject.clone()));
    let social_copy = value("social_copy", get(|d| d.social_copy.clone()));
    let schedule = value("schedule", get(|d| d.schedule.join("\n")));
    let of_kind = |kind: TemplateKind| {
        form.templates
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| (t.id.to_string(), t.name.clone()))
            .collect::<Vec<_>>()
    };
    let emails = of_kind(TemplateKind::Email);
    let svgs = of_kind(TemplateKind::Svg);
    let chosen_assets: Vec<String> = d
        .as_ref()
        .map(|d| d.assets.iter().map(|a| a.template_id.to_string()).collect())
        .unwrap_or_default();
    let email_selected = d
        .as_ref()
        .and_then(|d| d.email_template_id)
        .map(|i| i.to_string())
        .unwrap_or_default();
    let social_selected = d
        .as_ref()
        .and_then(|d| d.social_template_id)
        .map(|i| i.to_string())
        .unwrap_or_default();
    let tiers = d.as_ref().map(|d| d.tiers.clone()).unwrap_or_default();
    let types = d.as_ref().map(|d| d.types.clone()).unwrap_or_default();
    let regions = d.as_ref().map(|d| d.regions.clone()).unwrap_or_default();
    let audience_error = move || {
        ["tiers", "types", "regions"]
            .into_iter()
            .find_map(|form| error.get().and_then(|e| e.field(form)))
            .map(|m| view! { <p class="field-error">{m}</p> })
    };
    let asset_error = move || {
        field_error(error, "asset_template_ids")
            .get()
            .map(|m| view! { <p class="field-error">{m}</p> })
    };
    view! {
        <section class="card form-card">
            <ServerForm action attr:class="form" attr:novalidate=true>
                <FormError error/>
                {d.as_ref().map(|d| view! {
                    <input type="hidden" name="id" value=d.card.id/>
                    <input type="hidden" name="version" value=d.version/>
                })}
                <TextField name="name" label="Name" value=name required=true error=field_error(error, "name")/>
                <TextField name="goal" label="Goal" value=goal required=true hint="What partners should achieve, e.g. 200 qualified leads for the new firewall." error=field_error(error, "goal")/>
                <TextField name="description" label="Description" value=description multiline=true hint="The story of the campaign and how to run it." error=field_error(error, "description")/>
                <div class="row">
                    <TextField name="starts_on" label="Starts" kind="date" value=starts_on required=true error=field_error(error, "starts_on")/>
                    <TextField name="ends_on" label="Ends" kind="date" value=ends_on required=true error=field_error(error, "ends_on")/>
                </div>
                <fieldset class="field">
                    <legend>"Audience"</legend>
                    <p class="field-hint">"Leave a group all unticked to include everyone in it."</p>
                    {checks("tiers", Tier::ALL.iter().map(|t| (t.as_str().to_string(), format!("{} tier", t.label()))).collect(), tiers)}
                    {checks("types", PartnerType::ALL.iter().map(|t| (t.as_str().to_string(), t.label().to_string())).collect(), types)}
                    {checks("regions", Region::ALL.iter().map(|t| (t.as_str().to_string(), t.label().to_string())).collect(), regions)}
                    {audience_error}
                </fieldset>
                <fieldset class="field">
                    <legend>"E-mail"</legend>
                    <SelectField name="email_template_id" label="E-mail template" options=emails selected=email_selected empty="No e-mail" error=field_error(error, "email_template_id")/>
                    <TextField name="email_subject" label="Subject line" value=subject hint="Partners may change it when they send." error=field_error(error, "email_subject")/>
                </fieldset>
                <fieldset class="field">
                    <legend>"Material to co-brand"</legend>
                    {if svgs.is_empty() {
                        view! { <p class="field-hint">"No published print or social templates yet."</p> }.into_any()
                    } else {
                        checks("assets", svgs.clone(), chosen_assets).into_any()
                    }}
                    {asset_error}
                </fieldset>
                <fieldset class="field">
                    <legend>"Social post"</legend>
                    <SelectField name="social_template_id" label="Image template" options=svgs.clone() selected=social_selected empty="No image" error=field_error(error, "social_template_id")/>
                    <TextField name="social_copy" label="Post text" value=social_copy multiline=true hint="Partners copy it with their co-branded image." error=field_error(error, "social_copy")/>
                </fieldset>
                <TextField name="schedule" label="Suggested schedule" value=schedule multiline=true hint="One step per line, e.g. “Week 1: send the invitation e-mail”." error=field_error(error, "schedule")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{if d.is_some() { "Save changes" } else { "Create campaign" }}</button>
            </ServerForm>
        </section>
    }
}
