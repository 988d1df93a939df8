//! The vendor's campaign form (new and edit).

use crate::api::campaigns::{get_campaign_form, SaveCampaign};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::components::versions::{VersionFields, VersionedField};
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::{page_data, PageData};
use crate::tr;
use crate::types::campaign::CampaignForm;
use crate::types::cobrand::TemplateKind;
use crate::types::org::Region;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewCampaignPage() -> impl IntoView {
    let form = page_data(|| (), |_| get_campaign_form(None));
    view! {
        <Title text=tr!(campaigns.new_campaign)/>
        <h1>{tr!(campaigns.new_campaign)}</h1>
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
        <Title text=tr!(campaigns.edit)/>
        <h1>{tr!(campaigns.edit)}</h1>
        <Loaded form/>
    }
}

#[component]
fn Loaded(form: PageData<Result<CampaignForm, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
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
    // The stored originals (staff see them), not what the page's reader
    // is shown.
    let texts = d.as_ref().and_then(|d| d.texts.clone());
    let original = |field: &str, shown: String| texts.as_ref().map_or(shown, |t| t.original(field));
    let name = value("name", original("name", get(|d| d.card.name.clone())));
    let goal = value("goal", original("goal", get(|d| d.card.goal.clone())));
    let description = value(
        "description",
        original("description", get(|d| d.description.clone())),
    );
    let starts_on = value("starts_on", get(|d| d.starts_on.to_string()));
    let ends_on = value("ends_on", get(|d| d.ends_on.to_string()));
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
                <TextField name="name" label=tr!(funds.name) value=name required=true error=field_error(error, "name")/>
                <TextField name="goal" label=tr!(campaigns.goal) value=goal required=true hint=tr!(campaigns.goal_hint) error=field_error(error, "goal")/>
                <TextField name="description" label=tr!(forum.description) value=description multiline=true hint=tr!(campaigns.description_hint) error=field_error(error, "description")/>
                <VersionFields texts=texts.clone() id_prefix="campaign" error fields=vec![
                    VersionedField::line("name", tr!(funds.name).to_owned()),
                    VersionedField::line("goal", tr!(campaigns.goal).to_owned()),
                    VersionedField::lines("description", tr!(forum.description).to_owned()),
                ]/>
                <div class="row">
                    <TextField name="starts_on" label=tr!(funds.starts) kind="date" value=starts_on required=true error=field_error(error, "starts_on")/>
                    <TextField name="ends_on" label=tr!(funds.ends) kind="date" value=ends_on required=true error=field_error(error, "ends_on")/>
                </div>
                <fieldset class="field">
                    <legend>{tr!(campaigns.audience)}</legend>
                    <p class="field-hint">{tr!(campaigns.audience_hint)}</p>
                    {checks("tiers", form.choices.tiers.iter().map(|(code, name)| (code.clone(), tr!(campaigns.tier_audience, tiers = name).to_string())).collect(), tiers)}
                    {checks("types", form.choices.partner_types.clone(), types)}
                    {checks("regions", Region::ALL.iter().map(|t| (t.as_str().to_string(), t.label().to_string())).collect(), regions)}
                    {audience_error}
                </fieldset>
                <fieldset class="field">
                    <legend>{tr!(campaigns.email)}</legend>
                    <SelectField name="email_template_id" label=tr!(campaigns.email_template) options=emails selected=email_selected empty=tr!(campaigns.no_email) error=field_error(error, "email_template_id")/>
                    <TextField name="email_subject" label=tr!(campaigns.subject_line) value=subject hint=tr!(campaigns.subject_hint) error=field_error(error, "email_subject")/>
                </fieldset>
                <fieldset class="field">
                    <legend>{tr!(campaigns.material_to_cobrand)}</legend>
                    {if svgs.is_empty() {
                        view! { <p class="field-hint">{tr!(campaigns.no_templates)}</p> }.into_any()
                    } else {
                        checks("assets", svgs.clone(), chosen_assets).into_any()
                    }}
                    {asset_error}
                </fieldset>
                <fieldset class="field">
                    <legend>{tr!(campaigns.social_post)}</legend>
                    <SelectField name="social_template_id" label=tr!(campaigns.image_template) options=svgs.clone() selected=social_selected empty=tr!(campaigns.no_image) error=field_error(error, "social_template_id")/>
                    <TextField name="social_copy" label=tr!(campaigns.post_text) value=social_copy multiline=true hint=tr!(campaigns.post_text_hint) error=field_error(error, "social_copy")/>
                </fieldset>
                <TextField name="schedule" label=tr!(campaigns.schedule) value=schedule multiline=true hint=tr!(campaigns.schedule_hint) error=field_error(error, "schedule")/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{if d.is_some() { tr!(forum.save_changes) } else { tr!(campaigns.create) }}</button>
            </ServerForm>
        </section>
    }
}
