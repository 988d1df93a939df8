//! The vendor's template manager: create, edit (each source change is a new
//! version), preview, publish and withdraw; see partners' designs and exports.

use super::gallery::DesignList;
use super::Thumb;
use crate::api::cobrand::{get_template, ArchiveTemplate, PublishTemplate, SaveTemplate};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::types::cobrand::{TemplateDetail, TemplateFormat, TemplateKind, TemplateStatus};
use crate::types::{PartnerType, Tier};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewTemplatePage() -> impl IntoView {
    view! {
        <Title text="New template"/>
        <h1>"New template"</h1>
        <TemplateForm detail=None/>
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
        <Suspense fallback=|| view! { <p class="loading">"Loading the template…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(error) => view! { <Title text="Template"/><LoadError error/> }.into_any(),
                    Ok(d) => view! {
                        <Title text=d.card.name.clone()/>
                        <Success show=saved("1") text="Template saved."/>
                        <Success show=saved("published") text="Published: partners in the audience can use this version now."/>
                        <Success show=saved("archived") text="Withdrawn: partners no longer see this template."/>
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
                    {template.card.published_number.map(|n| format!(" · version {n} published"))}
                </p>
            </div>
        </div>
        <div class="grid grid-wide">
            <section class="card">
                <h2>{format!("Preview of version {latest}")}</h2>
                {if template.card.kind == TemplateKind::Email {
                    view! { <p class="muted">"Email templates preview in the editor, with a partner's values."</p> }.into_any()
                } else {
                    view! { <Thumb svg=template.card.preview_svg.clone() label="Template preview"/> }.into_any()
                }}
                <FormError error=publish_error/>
                <FormError error=archive_error/>
                <div class="actions">
                    {(!latest_published).then(|| view! {
                        <ServerForm action=publish>
                            <input type="hidden" name="id" value=id/>
                            <input type="hidden" name="number" value=latest/>
                            <button type="submit" class="btn btn-primary">{format!("Publish version {latest}")}</button>
                        </ServerForm>
                    })}
                    {(status != TemplateStatus::Archived).then(|| view! {
                        <ServerForm action=archive>
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="btn btn-quiet">"Withdraw from partners"</button>
                        </ServerForm>
                    })}
                </div>
            </section>
            <section class="card">
                <h2>"Slots"</h2>
                <p class="muted">"Read from the data-slot markup of the latest version."</p>
                <div class="table-scroll">
                    <table class="table">
                        <thead><tr><th>"Slot"</th><th>"Kind"</th><th>"Rules"</th></tr></thead>
                        <tbody>
                            {template.plan.slots.iter().map(|s| {
                                let mut rules = Vec::new();
                                if s.locked { rules.push("locked".to_string()); }
                                if s.required { rules.push("required".to_string()); }
                                if let Some(b) = s.bind { rules.push(format!("from profile: {}", b.label())); }
                                if let Some(m) = s.max_chars { rules.push(format!("≤ {m} characters")); }
                                if s.kind.is_text() && !template.plan.parts.is_empty() {
                                    rules.push(format!("{} line(s), {}–{} size", s.max_lines, s.font_min, s.font_max));
                                }
                                if s.min_width > 0 || s.min_height > 0 { rules.push(format!("image ≥ {}×{} px", s.min_width, s.min_height)); }
                                if !s.allowed_colors.is_empty() { rules.push(format!("colours {}", s.allowed_colors.join(" "))); }
                                view! { <tr><td>{s.label.clone()}<br/><code>{s.name.clone()}</code></td><td>{format!("{:?}", s.kind)}</td><td>{rules.join(", ")}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section class="card">
                <h2>"Versions"</h2>
                <ul class="rows">
                    {template.versions.iter().map(|v| view! {
                        <li>
                            <span>{format!("Version {}", v.number)}</span>
                            <span class="muted">{format!("{} · {}{}", v.created_at, v.created_by, if v.note.is_empty() { String::new() } else { format!(" · {}", v.note) })}</span>
                            {v.published.then(|| view! { <span class="badge badge-ok">"Published"</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>"Partners' designs"</h2>
                {if template.designs.is_empty() {
                    view! { <p class="muted">"No partner has customised this template yet."</p> }.into_any()
                } else {
                    view! { <DesignList designs=template.designs.clone() show_org=true/> }.into_any()
                }}
                <h3>"Exports"</h3>
                {if template.exports.is_empty() {
                    view! { <p class="muted">"Nothing exported yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="rows">
                            {template.exports.iter().map(|e| view! {
                                <li><span>{format!("{} · {}", e.org_name, e.user_name)}</span><span class="muted">{format!("{} · version {} · {}", e.format.label(), e.version_number, e.created_at)}</span></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
        <section class="card">
            <h2>"Edit"</h2>
            <TemplateForm detail=Some(template.clone())/>
        </section>
    }
}

#[component]
fn TemplateForm(detail: Option<TemplateDetail>) -> impl IntoView {
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
    let name = value(
        "name",
        d.as_ref().map(|d| d.card.name.clone()).unwrap_or_default(),
    );
    let description = value(
        "description",
        d.as_ref()
            .map(|d| d.card.description.clone())
            .unwrap_or_default(),
    );
    let source = value(
        "source",
        d.as_ref().map(|d| d.source.clone()).unwrap_or_default(),
    );
    let format = d.as_ref().map(|d| d.card.format.as_str().to_string());
    let requires_approval = d.as_ref().is_some_and(|d| d.card.requires_approval);
    let tiers = d
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
            <TextField name="name" label="Name" value=name required=true error=field_error(error, "name")/>
            <TextField name="description" label="Description" value=description multiline=true hint="What partners use it for." error=field_error(error, "description")/>
            {d.is_none().then(|| view! { <SelectField name="kind" label="Kind" options=kinds.clone() selected="svg" error=field_error(error, "kind")/> })}
            <SelectField name="format" label="Material" options=formats empty="Choose…" selected=format.unwrap_or_default() error=field_error(error, "format")/>
            <fieldset class="field">
                <legend>"Audience"</legend>
                <p class="field-hint">"Leave all unticked for every partner."</p>
                <div class="checks">
                    {Tier::ALL.iter().map(|t| {
                        let checked = tiers.iter().any(|x| x == t.as_str());
                        view! { <label class="check"><input type="checkbox" name=format!("tiers[{}]", t.as_str()) checked=checked/>{format!("{} tier", t.label())}</label> }
                    }).collect_view()}
                </div>
                <div class="checks">
                    {PartnerType::ALL.iter().map(|t| {
                        let checked = types.iter().any(|x| x == t.as_str());
                        view! { <label class="check"><input type="checkbox" name=format!("types[{}]", t.as_str()) checked=checked/>{t.label()}</label> }
                    }).collect_view()}
                </div>
                {move || field_error(error, "tiers").get().or_else(|| field_error(error, "types").get()).map(|m| view! { <p class="field-error">{m}</p> })}
            </fieldset>
            <label class="check"><input type="checkbox" name="requires_approval" checked=requires_approval/>"Partners need approval before they export"</label>
            <div class="field">
                <label for="f-source-file">"Load the source from a file"</label>
                <input id="f-source-file" type="file" accept=".svg,.mjml,image/svg+xml,text/xml" data-fill="f-source"/>
            </div>
            <TextField name="source" id="f-source" label="Template source (SVG or MJML)" value=source multiline=true required=true
                hint="Mark editable parts with data-slot attributes; see the template markup guide (docs/templates.md). Scripts, event handlers and external references are removed."
                error=field_error(error, "source")/>
            <TextField name="note" label="What changed (version note)" error=field_error(error, "note")/>
            <button type="submit" class="btn btn-primary">{if d.is_some() { "Save changes" } else { "Create template" }}</button>
        </ServerForm>
    }
}
