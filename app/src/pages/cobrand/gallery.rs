use super::{StatusBadge, Thumb};
use crate::api::cobrand::get_templates_page;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::tr;
use crate::types::cobrand::{
    DesignCard, TemplateCard, TemplateKind, TemplateStatus, TemplatesPage,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CobrandPage() -> impl IntoView {
    let page = page_data(|| (), |_| get_templates_page());
    view! {
        <Title text=tr!(nav.marketing)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(cobrand.loading_templates)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => view! { <Gallery page=p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Gallery(page: TemplatesPage) -> impl IntoView {
    let manage = page.can_manage;
    let design = page.can_design;
    let empty = page.templates.is_empty();
    view! {
        <div class="page-head">
            <h1>{tr!(nav.marketing)}</h1>
            {manage.then(|| view! { <a class="btn btn-primary" href="/cobrand/templates/new">{tr!(cobrand.new_template)}</a> })}
        </div>
        {(!page.awaiting_review.is_empty()).then(|| view! {
            <section class="card">
                <h2>{tr!(cobrand.waiting_your_approval)}</h2>
                <DesignList designs=page.awaiting_review.clone() show_org=true/>
            </section>
        })}
        <section>
            <h2>{if manage { tr!(cobrand.templates) } else { tr!(cobrand.templates_to_cobrand) }}</h2>
            {empty.then(|| view! {
                <p class="muted">{if manage { tr!(cobrand.no_templates) } else { tr!(cobrand.none_published) }}</p>
            })}
            <ul class="template-grid">
                {page.templates.into_iter().map(|t| view! { <TemplateTile template=t manage design/> }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{if manage { tr!(cobrand.partners_designs) } else { tr!(cobrand.your_designs) }}</h2>
            {if page.designs.is_empty() {
                view! { <p class="muted">{tr!(cobrand.no_designs)}</p> }.into_any()
            } else {
                view! { <DesignList designs=page.designs show_org=manage/> }.into_any()
            }}
        </section>
    }
}

/// A template's card: managers open the template, partners customise it;
/// other vendor staff see it without a link (they make no designs).
#[component]
fn TemplateTile(template: TemplateCard, manage: bool, design: bool) -> impl IntoView {
    let href = if manage {
        Some(format!("/cobrand/templates/{}", template.id))
    } else {
        design.then(|| format!("/cobrand/templates/{}/customise", template.id))
    };
    let status =
        (manage && template.status != TemplateStatus::Published).then(|| template.status.label());
    let thumb = if template.kind == TemplateKind::Email {
        view! { <div class="thumb thumb-email" aria-hidden="true"><span>"✉"</span></div> }
            .into_any()
    } else {
        view! { <Thumb svg=template.preview_svg.clone() label=tr!(cobrand.preview_of, name = &template.name).to_string()/> }
            .into_any()
    };
    let body = view! {
        {thumb}
        <span class="tile-name">{template.name.clone()}</span>
        <span class="muted">{template.format.label()}{template.requires_approval.then(|| format!(" · {}", tr!(cobrand.tile_needs_approval)))}</span>
        {manage.then(|| view! { <span class="muted">{template.audience.clone()}</span> })}
        {status.map(|s| view! { <span class="badge">{s}</span> })}
    };
    view! {
        <li class="template-tile">
            {match href {
                Some(href) => view! { <a href=href>{body}</a> }.into_any(),
                None => view! { <div class="tile-static">{body}</div> }.into_any(),
            }}
        </li>
    }
}

#[component]
pub(super) fn DesignList(designs: Vec<DesignCard>, show_org: bool) -> impl IntoView {
    view! {
        <ul class="rows">
            {designs.into_iter().map(|d| view! {
                <li>
                    <a href=format!("/cobrand/designs/{}", d.id)>{d.name.clone()}</a>
                    <span class="muted">
                        {if show_org { format!("{} · {} · {}", d.org_name, d.template_name, d.updated_at) } else { format!("{} · {}", d.template_name, d.updated_at) }}
                    </span>
                    <StatusBadge status=d.status/>
                </li>
            }).collect_view()}
        </ul>
    }
}
