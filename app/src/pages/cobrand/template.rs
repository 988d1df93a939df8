//! The vendor's template manager: create, edit (each source change is a new
//! version), preview, publish and withdraw; see partners' designs and exports.

use super::gallery::DesignList;
use super::Thumb;
use crate::api::cobrand::{get_template, ArchiveTemplate, PublishTemplate, SaveTemplate};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::components::versions::{VersionFields, VersionedField};
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::cobrand::{TemplateDetail, TemplateFormat, TemplateKind, TemplateStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewTemplatePage() -> impl IntoView {
    let choices = page_data(|| (), |_| crate::api::tiers::get_audience_choices());
    view! {
        <Title text=tr!(cobrand.new_template)/>
        <h1>{tr!(cobrand.new_template)}</h1>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(choices) => view! { <TemplateForm detail=None choices/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn TemplatePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let detail = page_data(
        move || (id(), query.read().get("saved")),
        |(id, _)| async move {
            match id {
                Some(id) => get_template(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Suspense fallback=|| view! { <p class="loading">{tr!(cobrand.loading_template)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(error) => view! { <Title text=tr!(cobrand.template)/><LoadError error/> }.into_any(),
                    Ok(d) => view! {
                        <Title text=d.card.name.clone()/>
                        <Success show=saved("1") text=tr!(cobrand.template_saved)/>
                        <Success show=saved("published") text=tr!(cobrand.published)/>
                        <Success show=saved("archived") text=tr!(cobrand.withdrawn)/>
                        <TemplateView template=d/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TemplateView(template: TemplateDetail) -> impl IntoView {
    let publish = ServerAction::<PublishTemplate>::new();
    let archive = ServerAction::<ArchiveTemplate>::new();
    let publish_error = action_error(publish);
    let archive_error = action_error(archive);
    let id = template.card.id;
    let latest = template.latest_number;
    let latest_published = template.card.published_number == Some(latest);
    let status = template.card.status;
    view! {
        <div class="page-head">
            <div>
                <h1>{template.card.name.clone()}</h1>
                <p class="muted">
                    {format!("{} · {} · {}", template.card.format.label(), template.card.audience, status.label())}
                    {template.card.published_number.map(|n| tr!(cobrand.version_published, n).to_string())}
                </p>
            </div>
        </div>
        <div class="grid grid-wide">
            <section class="card">
                <h2>{tr!(cobrand.preview_of_version, n = latest).to_string()}</h2>
                {if template.card.kind == TemplateKind::Email {
                    view! { <p class="muted">{tr!(cobrand.email_preview_hint)}</p> }.into_any()
                } else {
                    view! { <Thumb svg=template.card.preview_svg.clone() label=tr!(cobrand.template_preview)/> }.into_any()
                }}
                <FormError error=publish_error/>
                <FormError error=archive_error/>
                <div class="actions">
                    {(!latest_published).then(|| view! {
                        <ServerForm action=publish>
                            <input type="hidden" name="id" value=id/>
                            <input type="hidden" name="number" value=latest/>
                            <button type="submit" class="btn btn-primary">{tr!(cobrand.publish_version, n = latest).to_string()}</button>
                        </ServerForm>
                    })}
                    {(status != TemplateStatus::Archived).then(|| view! {
                        <ServerForm action=archive>
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="btn btn-quiet">{tr!(cobrand.withdraw)}</button>
                        </ServerForm>
                    })}
                </div>
            </section>
            <section class="card">
                <h2>{tr!(cobrand.slots)}</h2>
                <p class="muted">{tr!(cobrand.slots_hint)}</p>
                <div class="table-scroll" tabindex="0">
                    <table class="table">
                        <thead><tr><th>{tr!(cobrand.slot)}</th><th>{tr!(funds.kind)}</th><th>{tr!(cobrand.rules)}</th></tr></thead>
                        <tbody>
                            {template.plan.slots.iter().map(|s| {
                                let mut rules = Vec::new();
                                if s.locked { rules.push("locked".to_string()); }
                                if s.required { rules.push("required".to_string()); }
                                if let Some(b) = s.bind { rules.push(tr!(cobrand.rule_profile, field = b.label()).to_string()); }
                                if let Some(m) = s.max_chars { rules.push(tr!(cobrand.rule_max_chars, max = m).to_string()); }
                                if s.kind.is_text() && !template.plan.parts.is_empty() {
                                    rules.push(tr!(cobrand.rule_lines, count = s.max_lines, min = s.font_min, max = s.font_max).to_string());
                                }
                                if s.min_width > 0 || s.min_height > 0 { rules.push(tr!(cobrand.rule_image, w = s.min_width, h = s.min_height).to_string()); }
                                if !s.allowed_colors.is_empty() { rules.push(tr!(cobrand.rule_colours, colours = s.allowed_colors.join(" ")).to_string()); }
                                view! { <tr><td>{s.label.clone()}<br/><code>{s.name.clone()}</code></td><td>{format!("{:?}", s.kind)}</td><td>{rules.join(", ")}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section class="card">
                <h2>{tr!(cobrand.versions)}</h2>
                <ul class="rows">
                    {template.versions.iter().map(|v| view! {
                        <li>
                            <span>{tr!(cobrand.version_n, n = v.number).to_string()}</span>
                            <span class="muted">{format!("{} · {}{}", v.created_at, v.created_by, if v.note.is_empty() { String::new() } else { format!(" · {}", v.note) })}</span>
                            {v.published.then(|| view! { <span class="badge badge-ok">{tr!(enums.template_status.published)}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{tr!(cobrand.partners_designs)}</h2>
                {if template.designs.is_empty() {
                    view! { <p class="muted">{tr!(cobrand.no_partner_designs)}</p> }.into_any()
                } else {
                    view! { <DesignList designs=template.designs.clone() show_org=true/> }.into_any()
                }}
                <h3>{tr!(cobrand.exports)}</h3>
                {if template.exports.is_empty() {
                    view! { <p class="muted">{tr!(cobrand.nothing_exported)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="rows">
                            {template.exports.iter().map(|e| view! {
                                <li><span>{format!("{} · {}", e.org_name, e.user_name)}</span><span class="muted">{tr!(cobrand.partner_export_line, format = e.format.label(), n = e.version_number, when = &e.created_at).to_string()}</span></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
        <section class="card">
            <h2>{tr!(cobrand.edit)}</h2>
            <TemplateForm choices=template.choices.clone() detail=Some(template.clone())/>
        </section>
    }
}

#[component]
fn TemplateForm(
    detail: Option<TemplateDetail>,
    choices: crate::types::tier::AudienceChoices,
) -> impl IntoView {
    let action = ServerAction::<SaveTemplate>::new();
    let error = action_error(action);
    let value = |name: &str, current: String| {
        let typed = kept(error, name);
        if typed.is_empty() {
            current
        } else {
            typed
        }
    };
    let d = detail.clone();
    // The stored originals, not the page reader's version.
    let texts = d.as_ref().map(|d| d.texts.clone());
    let original = |field: &str| {
        texts
            .as_ref()
            .map(|t| t.original(field))
            .unwrap_or_default()
    };
    let name = value("name", original("name"));
    let description = value("description", original("description"));
    let mut versioned = vec![
        VersionedField::line("name", tr!(funds.name).to_owned()),
        VersionedField::lines("description", tr!(forum.description).to_owned()),
    ];
    if let Some(d) = &d {
        versioned.extend(d.plan.text_slots().map(|s| {
            let label = tr!(cobrand.slot_wording, label = &s.label).to_string();
            let field = format!("slot:{}", s.name);
            match s.kind {
                crate::cobrand::SlotKind::Multiline => VersionedField::lines(&field, label),
                _ => VersionedField::line(&field, label),
            }
        }));
    }
    let source = value(
        "source",
        d.as_ref().map(|d| d.source.clone()).unwrap_or_default(),
    );
    let format = d.as_ref().map(|d| d.card.format.as_str().to_string());
    let requires_approval = d.as_ref().is_some_and(|d| d.card.requires_approval);
    let chosen_tiers = d
        .as_ref()
        .map(|d| d.audience_tiers.clone())
        .unwrap_or_default();
    let types = d
        .as_ref()
        .map(|d| d.audience_types.clone())
        .unwrap_or_default();
    let formats = TemplateFormat::ALL
        .iter()
        .map(|f| (f.as_str().to_string(), f.label().to_string()))
        .collect::<Vec<_>>();
    let kinds = TemplateKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), k.label().to_string()))
        .collect::<Vec<_>>();
    view! {
        <ServerForm action attr:class="form">
            <FormError error/>
            {d.as_ref().map(|d| view! { <input type="hidden" name="id" value=d.card.id/> })}
            <TextField name="name" label=tr!(funds.name) value=name required=true error=field_error(error, "name")/>
            <TextField name="description" label=tr!(forum.description) value=description multiline=true hint=tr!(cobrand.description_hint) error=field_error(error, "description")/>
            {d.is_none().then(|| view! { <SelectField name="kind" label=tr!(funds.kind) options=kinds.clone() selected="svg" error=field_error(error, "kind")/> })}
            <SelectField name="format" label=tr!(cobrand.material) options=formats empty=tr!(partners.choose) selected=format.unwrap_or_default() error=field_error(error, "format")/>
            <fieldset class="field">
                <legend>{tr!(campaigns.audience)}</legend>
                <p class="field-hint">{tr!(cobrand.audience_hint)}</p>
                <div class="checks">
                    {choices.tiers.into_iter().map(|(code, name)| {
                        let checked = chosen_tiers.contains(&code);
                        view! { <label class="check"><input type="checkbox" name=format!("tiers[{code}]") checked=checked/>{tr!(cobrand.tier_label, tier = &name).to_string()}</label> }
                    }).collect_view()}
                </div>
                <div class="checks">
                    {choices.partner_types.into_iter().map(|(code, name)| {
                        let checked = types.contains(&code);
                        view! { <label class="check"><input type="checkbox" name=format!("types[{code}]") checked=checked/>{name}</label> }
                    }).collect_view()}
                </div>
                {move || field_error(error, "tiers").get().or_else(|| field_error(error, "types").get()).map(|m| view! { <p class="field-error">{m}</p> })}
            </fieldset>
            <label class="check"><input type="checkbox" name="requires_approval" checked=requires_approval/>{tr!(cobrand.requires_approval)}</label>
            <div class="field">
                <label for="f-source-file">{tr!(cobrand.load_source)}</label>
                <input id="f-source-file" type="file" accept=".svg,.mjml,image/svg+xml,text/xml" data-fill="f-source"/>
            </div>
            <TextField name="source" id="f-source" label=tr!(cobrand.source) value=source multiline=true required=true
                hint=tr!(cobrand.source_hint)
                error=field_error(error, "source")/>
            <VersionFields texts=texts.clone() id_prefix="template" error fields=versioned/>
            <TextField name="note" label=tr!(cobrand.version_note) error=field_error(error, "note")/>
            <button type="submit" class="btn btn-primary">{if d.is_some() { tr!(forum.save_changes) } else { tr!(cobrand.create_template) }}</button>
        </ServerForm>
    }
}
