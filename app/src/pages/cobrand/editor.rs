//! The partner's editor: the editable slots as a form above a live preview.
//! The preview and the guardrail messages are computed in the browser by the
//! same Rust code the server exports with, on every keystroke, with no
//! server round trip. Saving, submitting and exporting go to the server.

use super::StatusBadge;
use crate::api::cobrand::{
    get_editor, preview_email, RestoreRevision, ReviewDesign, SaveDesign, SubmitDesign,
};
use crate::cobrand::{check, render, Plan, RenderOptions, Slot, SlotKind, Values};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::error::AppError;
use crate::pages::{action_error, field_error};
use crate::resource::{page_data, PageData};
use crate::tr;
use crate::types::cobrand::{DesignDecision, DesignStatus, EditorData, ExportFormat, TemplateKind};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

#[component]
pub fn NewDesignPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let data = page_data(id, |id| async move {
        match id {
            Some(id) => get_editor(Some(id), None).await,
            None => Err(AppError::NotFound),
        }
    });
    view! { <EditorLoader data/> }
}

#[component]
pub fn DesignPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let data = page_data(
        move || (id(), query.read().get("saved")),
        |(id, _)| async move {
            match id {
                Some(id) => get_editor(None, Some(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! { <EditorLoader data/> }
}

#[component]
fn EditorLoader(data: PageData<Result<EditorData, AppError>>) -> impl IntoView {
    let query = use_query_map();
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    let export_error = move || query.read().get("export_error");
    view! {
        <Suspense fallback=|| view! { <p class="loading">{tr!(cobrand.loading_editor)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <Title text=tr!(cobrand.design)/><LoadError error/> }.into_any(),
                    Ok(d) => view! {
                        <Title text=d.name.clone()/>
                        <Success show=saved("1") text=tr!(cobrand.design_saved)/>
                        <Success show=saved("submitted") text=tr!(cobrand.submitted)/>
                        <Success show=saved("reviewed") text=tr!(cobrand.decision_saved)/>
                        <Success show=saved("restored") text=tr!(cobrand.restored)/>
                        {export_error().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                        <Editor editor=d/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The editor: the preview follows every keystroke in the browser.
#[island]
fn Editor(editor: EditorData) -> impl IntoView {
    let save = ServerAction::<SaveDesign>::new();
    let save_error = action_error(save);
    let plan = Arc::new(editor.plan.clone());
    let images = Arc::new(editor.images.clone());
    let saved_values = editor.values.clone();
    let values = RwSignal::new(editor.values.clone());
    let dirty = Memo::new(move |_| values.with(|v| *v != saved_values));
    let issues = {
        let (plan, images) = (plan.clone(), images.clone());
        Memo::new(move |_| values.with(|v| check(&plan, v, &images)))
    };
    let editable = editor.is_owner;
    let design_name = editor.name.clone();
    let template_id = editor.template_id;
    let design_version = editor.design_version;
    let kind = editor.kind;
    let design_id = editor.design_id;
    let needs_approval = editor.requires_approval && editor.status != DesignStatus::Approved;
    let export_ready = Signal::derive(move || {
        design_id.is_some() && !dirty.get() && issues.with(Vec::is_empty) && !needs_approval
    });
    let fields = plan
        .slots
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.locked)
        .map(|(index, s)| view! { <SlotField def=s.clone() index plan=plan.clone() values issues editable/> })
        .collect_view();
    let locked: Vec<String> = plan
        .slots
        .iter()
        .filter(|s| s.locked)
        .map(|s| s.label.clone())
        .collect();
    view! {
        <div class="page-head">
            <div>
                <h1>{editor.name.clone()}</h1>
                <p class="muted">
                    {tr!(cobrand.editor_title_line, template = &editor.template_name, n = editor.version_number, org = &editor.org_name).to_string()}
                    " " <StatusBadge status=editor.status/>
                </p>
            </div>
        </div>
        {editor.newer_version.map(|n| view! { <p class="notice">{tr!(cobrand.newer_version, n).to_string()}</p> })}
        {(editor.status == DesignStatus::Rejected && !editor.review_comment.is_empty()).then(|| view! {
            <p class="notice notice-error" role="alert">{tr!(cobrand.changes_requested, comment = &editor.review_comment).to_string()}</p>
        })}
        <div class="editor">
            <ServerForm action=save attr:class="form editor-form" attr:id="design-form">
                <FormError error=save_error/>
                {design_id.map(|id| view! { <input type="hidden" name="design_id" value=id/> })}
                <input type="hidden" name="template_id" value=template_id/>
                <input type="hidden" name="version" value=design_version/>
                <div class="field" class:field-invalid=move || field_error(save_error, "name").get().is_some()>
                    <label for="f-name">{tr!(cobrand.design_name)}</label>
                    <input id="f-name" name="name" value=design_name required maxlength="120" disabled=!editable/>
                    {move || field_error(save_error, "name").get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                {fields}
                {(!locked.is_empty()).then(|| view! { <p class="muted">{tr!(cobrand.set_by_vendor, slots = locked.join(", ")).to_string()}</p> })}
                {editable.then(|| view! {
                    <div class="actions sticky-actions">
                        <button type="submit" class="btn btn-primary">{if design_id.is_some() { tr!(funds.save) } else { tr!(cobrand.save_draft) }}</button>
                        <span class="muted" aria-live="polite">{move || if dirty.get() { tr!(cobrand.unsaved) } else { "" }}</span>
                    </div>
                })}
            </ServerForm>
            <div class="editor-side">
                <Preview kind plan=plan.clone() images=images.clone() values template_id design_id/>
                <Issues issues/>
                {editable.then(|| view! { <ExportPanel editor=editor.clone() export_ready dirty issues/> })}
                {editor.can_review.then(|| view! { <ReviewPanel editor=editor.clone()/> })}
                <Changes editor=editor.clone()/>
                <History editor=editor.clone() editable/>
            </div>
        </div>
    }
}

/// One form control per editable slot, named `values[<slot>]`.
#[component]
fn SlotField(
    def: Slot,
    /// The slot's place in the plan, for its text box's fit.
    index: usize,
    plan: Arc<Plan>,
    values: RwSignal<Values>,
    issues: Memo<Vec<crate::cobrand::Issue>>,
    editable: bool,
) -> impl IntoView {
    let slot = def;
    let name = slot.name.clone();
    let id = format!("slot-{}", slot.name);
    let err_id = format!("{id}-error");
    let field = format!("values[{}]", slot.name);
    let message = {
        let name = name.clone();
        Memo::new(move |_| {
            issues.with(|all| {
                all.iter()
                    .filter(|i| i.slot == name)
                    .map(|i| i.message.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
    };
    let current = {
        let name = name.clone();
        move || values.with(|v| v.get(&name).cloned().unwrap_or_default())
    };
    let set = {
        let name = name.clone();
        move |value: String| {
            values.update(|v| {
                v.insert(name.clone(), value);
            })
        }
    };
    let described = {
        let err_id = err_id.clone();
        move || (!message.get().is_empty()).then(|| err_id.clone())
    };
    let counter = slot.max_chars.map(|max| {
        let count = {
            let current = current.clone();
            move || current().chars().count()
        };
        // What fits the box when that is less than the limit: wide letters
        // can fill it before the count does.
        let limit = Memo::new(move |_| {
            values
                .with(|v| crate::cobrand::render::fitting_chars(&plan, v, index))
                .map_or(max as usize, |fits| fits.min(max as usize))
        });
        let over = {
            let count = count.clone();
            move || count() > limit.get()
        };
        view! { <span class="counter" class:counter-over=over>{move || format!("{}/{}", count(), limit.get())}</span> }
    });
    let control = match slot.kind {
        SlotKind::Text => {
            let set = set.clone();
            view! {
                <input id=id.clone() name=field.clone() prop:value=current.clone() disabled=!editable
                    aria-invalid=move || (!message.get().is_empty()).to_string() aria-describedby=described
                    on:input=move |ev| set(event_target_value(&ev))/>
            }.into_any()
        }
        SlotKind::Multiline => {
            let set = set.clone();
            let initial = current();
            view! {
                <textarea id=id.clone() name=field.clone() rows=slot.max_lines.clamp(2, 8) prop:value=current.clone() disabled=!editable
                    aria-invalid=move || (!message.get().is_empty()).to_string() aria-describedby=described
                    on:input=move |ev| set(event_target_value(&ev))>{initial}</textarea>
            }.into_any()
        }
        SlotKind::Color => view! {
            <div class="swatches" role="radiogroup" aria-labelledby=format!("{id}-label")>
                {slot.allowed_colors.iter().map(|c| {
                    let c = c.clone();
                    let (set, current) = (set.clone(), current.clone());
                    let value = c.clone();
                    let checked = { let c = c.clone(); move || current().eq_ignore_ascii_case(&c) };
                    view! {
                        <label class="swatch" style=format!("--swatch:{c}")>
                            <input type="radio" name=field.clone() value=c.clone() prop:checked=checked disabled=!editable
                                on:change=move |_| set(value.clone())/>
                            <span class="sr-only">{c.clone()}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        }.into_any(),
        SlotKind::Image => {
            let options = [("logo", tr!(cobrand.your_logo)), ("", tr!(cobrand.template_image))];
            view! {
                <div class="checks" role="radiogroup" aria-labelledby=format!("{id}-label")>
                    {options.into_iter().map(|(value, label)| {
                        let (set, current) = (set.clone(), current.clone());
                        view! {
                            <label class="check">
                                <input type="radio" name=field.clone() value=value prop:checked=move || current() == value disabled=!editable
                                    on:change=move |_| set(value.to_string())/>
                                {label}
                            </label>
                        }
                    }).collect_view()}
                </div>
            }.into_any()
        }
    };
    let hint = match (&slot.help, slot.bind) {
        (h, _) if !h.is_empty() => Some(h.clone()),
        (_, Some(b)) => Some(tr!(cobrand.filled_from_profile, field = b.label()).to_string()),
        _ => None,
    };
    view! {
        <div class="field" class:field-invalid=move || !message.get().is_empty()>
            <div class="field-label-row">
                <label id=format!("{id}-label") for=id.clone()>{slot.label.clone()}{slot.required.then_some(" *")}</label>
                {counter}
            </div>
            {hint.map(|h| view! { <p class="field-hint">{h}</p> })}
            {control}
            <p class="field-error" id=err_id role="status" data-slot-error=name.clone()>{move || message.get()}</p>
        </div>
    }
}

#[component]
fn Preview(
    kind: TemplateKind,
    plan: Arc<Plan>,
    images: Arc<std::collections::BTreeMap<String, crate::cobrand::ImageSource>>,
    values: RwSignal<Values>,
    template_id: i64,
    design_id: Option<i64>,
) -> impl IntoView {
    if kind == TemplateKind::Email {
        let html = page_data(
            move || values.get(),
            move |v| preview_email(template_id, design_id, v),
        );
        return view! {
            <section class="card preview-card">
                <h2>{tr!(cobrand.preview)}</h2>
                <Transition fallback=|| view! { <p class="loading">{tr!(cobrand.rendering)}</p> }>
                    {move || html.get().map(|r| match r {
                        Ok(doc) => view! { <iframe class="email-preview" title=tr!(cobrand.email_preview) sandbox="" srcdoc=doc></iframe> }.into_any(),
                        Err(e) => view! { <p class="notice notice-error">{e.to_string()}</p> }.into_any(),
                    })}
                </Transition>
            </section>
        }
        .into_any();
    }
    let svg = Memo::new(move |_| {
        values.with(|v| {
            render(
                &plan,
                v,
                &images,
                RenderOptions {
                    mark_overflow: true,
                },
            )
        })
    });
    view! {
        <section class="card preview-card">
            <h2>{tr!(cobrand.preview)}</h2>
            <div class="preview" id="design-preview" role="img" aria-label=tr!(cobrand.live_preview) inner_html=move || svg.get()></div>
        </section>
    }
    .into_any()
}

#[component]
fn Issues(issues: Memo<Vec<crate::cobrand::Issue>>) -> impl IntoView {
    view! {
        <div id="design-issues" aria-live="polite">
            {move || {
                let all = issues.get();
                (!all.is_empty()).then(|| view! {
                    <div class="notice notice-error">
                        <p><strong>{tr!(cobrand.to_fix, count = all.len()).to_string()}</strong></p>
                        <ul>{all.into_iter().map(|i| view! { <li>{i.message}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
        </div>
    }
}

#[component]
fn ExportPanel(
    editor: EditorData,
    export_ready: Signal<bool>,
    dirty: Memo<bool>,
    issues: Memo<Vec<crate::cobrand::Issue>>,
) -> impl IntoView {
    let submit = ServerAction::<SubmitDesign>::new();
    let submit_error = action_error(submit);
    let formats: &[ExportFormat] = match editor.kind {
        TemplateKind::Svg => &[ExportFormat::Pdf, ExportFormat::Png, ExportFormat::Png2x],
        TemplateKind::Email => &[ExportFormat::Html],
    };
    let can_submit = editor.requires_approval
        && matches!(editor.status, DesignStatus::Draft | DesignStatus::Rejected);
    let status = editor.status;
    let requires_approval = editor.requires_approval;
    let saved = editor.design_id.is_some();
    let why_not = move || {
        if !saved {
            Some(tr!(cobrand.save_to_export).to_string())
        } else if dirty.get() {
            Some(tr!(cobrand.save_changes_to_export).to_string())
        } else if !issues.with(Vec::is_empty) {
            Some(tr!(cobrand.fix_to_export).to_string())
        } else if requires_approval && status == DesignStatus::Submitted {
            Some(tr!(cobrand.waiting_approval).to_string())
        } else if requires_approval && status != DesignStatus::Approved {
            Some(tr!(cobrand.needs_approval).to_string())
        } else {
            None
        }
    };
    view! {
        <section class="card">
            <h2>{tr!(cobrand.export)}</h2>
            {move || why_not().map(|m| view! { <p class="muted" id="export-why">{m}</p> })}
            <div class="actions">
                {formats.iter().map(|f| {
                    let href = editor.design_id.map(|id| format!("/cobrand/designs/{id}/export/{}", f.as_str()));
                    let label = f.label();
                    view! {
                        <a class="btn" class:btn-disabled=move || !export_ready.get()
                            aria-disabled=move || (!export_ready.get()).to_string()
                            href=move || export_ready.get().then(|| href.clone()).flatten()
                            download="">{label}</a>
                    }
                }).collect_view()}
            </div>
            {(can_submit && saved).then(|| view! {
                <FormError error=submit_error/>
                <ServerForm action=submit>
                    <input type="hidden" name="id" value=editor.design_id.unwrap_or_default()/>
                    <input type="hidden" name="version" value=editor.design_version/>
                    <button type="submit" class="btn btn-primary" disabled=move || dirty.get() || !issues.with(Vec::is_empty)>{tr!(cobrand.submit_for_approval)}</button>
                </ServerForm>
            })}
        </section>
    }
}

#[component]
fn ReviewPanel(editor: EditorData) -> impl IntoView {
    let review = ServerAction::<ReviewDesign>::new();
    let error = action_error(review);
    view! {
        <section class="card">
            <h2>{tr!(funds.your_decision)}</h2>
            <FormError error/>
            <ServerForm action=review attr:class="form">
                <input type="hidden" name="id" value=editor.design_id.unwrap_or_default()/>
                <input type="hidden" name="version" value=editor.design_version/>
                <div class="field" class:field-invalid=move || field_error(error, "comment").get().is_some()>
                    <label for="f-comment">{tr!(cobrand.comment_for_partner)}</label>
                    <p class="field-hint">{tr!(cobrand.comment_required)}</p>
                    <textarea id="f-comment" name="comment" rows="3"></textarea>
                    {move || field_error(error, "comment").get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <div class="actions">
                    <button type="submit" name="decision" value=DesignDecision::Approve.as_str() class="btn btn-primary">{tr!(enums.design_decision.approve)}</button>
                    <button type="submit" name="decision" value=DesignDecision::Reject.as_str() class="btn">{tr!(enums.design_decision.reject)}</button>
                </div>
            </ServerForm>
        </section>
    }
}

#[component]
fn Changes(editor: EditorData) -> impl IntoView {
    (editor.design_id.is_some()).then(move || view! {
        <section class="card">
            <h2>{tr!(cobrand.changed_from_template)}</h2>
            {if editor.changes.is_empty() {
                view! { <p class="muted">{tr!(cobrand.nothing_changed)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="table">
                            <thead><tr><th>{tr!(cobrand.slot)}</th><th>{tr!(cobrand.template)}</th><th>{tr!(cobrand.this_design)}</th></tr></thead>
                            <tbody>
                                {editor.changes.into_iter().map(|c| view! {
                                    <tr><td>{c.label.clone()}</td><td class="muted">{c.template_value.clone()}</td><td>{c.partner_value.clone()}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    })
}

#[component]
fn History(editor: EditorData, editable: bool) -> impl IntoView {
    let restore = ServerAction::<RestoreRevision>::new();
    let error = action_error(restore);
    let design_id = editor.design_id.unwrap_or_default();
    let design_version = editor.design_version;
    (editor.design_id.is_some()).then(move || view! {
        <section class="card">
            <h2>{tr!(funds.history)}</h2>
            <FormError error/>
            <ul class="rows">
                {editor.revisions.into_iter().enumerate().map(|(i, r)| view! {
                    <li>
                        <span>{r.saved_at.clone()}</span>
                        <span class="muted">{format!("{}{}", r.saved_by, if r.changed.is_empty() { String::new() } else { format!(" · changed {}", r.changed.join(", ")) })}</span>
                        {(editable && i > 0).then(|| view! {
                            <ServerForm action=restore>
                                <input type="hidden" name="id" value=design_id/>
                                <input type="hidden" name="version" value=design_version/>
                                <input type="hidden" name="revision_id" value=r.id/>
                                <button type="submit" class="btn btn-quiet">{tr!(cobrand.restore)}</button>
                            </ServerForm>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            <h3>{tr!(cobrand.exports)}</h3>
            {if editor.exports.is_empty() {
                view! { <p class="muted">{tr!(cobrand.not_exported)}</p> }.into_any()
            } else {
                view! {
                    <ul class="rows">
                        {editor.exports.into_iter().map(|e| view! { <li><span>{e.format.label()}</span><span class="muted">{tr!(cobrand.export_line, n = e.version_number, who = &e.user_name, when = &e.created_at).to_string()}</span></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    })
}
