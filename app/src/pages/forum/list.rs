use super::{ForumTabs, TopicRows};
use crate::api::forum::{get_forum, SaveCategory, SetWatch};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError, Success};
use crate::components::server_form::ServerForm;
use crate::components::versions::{VersionFields, VersionedField};
use crate::pages::{action_error, field_error};
use crate::resource::page_data;
use crate::tr;
use crate::types::forum::{CategoryView, CategoryVisibility, ForumPage as Page, SolvedFilter};
use crate::types::url::encode_query_value;
use crate::types::Choice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForumPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            q.get("category").and_then(|c| c.parse::<i64>().ok()),
            q.get("tag").unwrap_or_default(),
            Choice::parse(&q.get("solved").unwrap_or_default()),
            q.get("after").and_then(|c| c.parse::<i64>().ok()),
        )
    };
    let page = page_data(args, |(category, tag, solved, after)| {
        get_forum(category, tag, solved, after)
    });
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };
    view! {
        <Title text=tr!(nav.community)/>
        <div class="page-head">
            <h1>{tr!(nav.community)}</h1>
            <a class="btn btn-primary" href=move || match args().0 { Some(c) => format!("/forum/new?category={c}"), None => "/forum/new".into() }>{tr!(forum.ask)}</a>
        </div>
        <Success show=saved("category") text=tr!(forum.category_saved)/>
        <Success show=saved("topic-deleted") text=tr!(forum.topic_deleted)/>
        <Success show=saved("watch") text=tr!(forum.watch_saved)/>
        <Transition fallback=|| view! { <p class="loading">{tr!(forum.loading_topics)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => view! { <Listing page=p/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Listing(page: Page) -> impl IntoView {
    let f = page.filter.clone();
    let current = f
        .category
        .and_then(|id| page.categories.iter().find(|c| c.id == id).cloned());
    let category_options: Vec<(String, String)> = page
        .categories
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let solved_options: Vec<(String, String)> = SolvedFilter::ALL
        .iter()
        .skip(1)
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let none = Signal::derive(|| None::<String>);
    let next = page.next_cursor.map(|after| {
        format!(
            "/forum?category={}&tag={}&solved={}&after={after}",
            f.category.map(|c| c.to_string()).unwrap_or_default(),
            encode_query_value(&f.tag),
            encode_query_value(&f.solved.raw())
        )
    });
    let empty = page.topics.is_empty() && page.pinned.is_empty();
    view! {
        <ForumTabs moderator=page.can_moderate/>
        {(page.can_moderate && page.flagged_count > 0).then(|| view! {
            <p class="notice notice-info"><a href="/forum/moderation">{tr!(forum.waiting_moderation, count = page.flagged_count).to_string()}</a></p>
        })}
        <Form method="GET" action="/forum" attr:class="filters" attr:role="search">
            <SelectField id="filter-category" name="category" label=tr!(forum.category) options=category_options selected=f.category.map(|c| c.to_string()).unwrap_or_default() empty=tr!(forum.all_categories) error=none/>
            <SelectField id="filter-solved" name="solved" label=tr!(forum.answered) options=solved_options selected=f.solved.raw() empty=tr!(enums.solved_filter.any) error=none/>
            <div class="field">
                <label for="filter-tag">{tr!(forum.tag)}</label>
                <input id="filter-tag" name="tag" value=f.tag.clone() placeholder="e.g. licensing"/>
            </div>
            <div class="filter-actions">
                <button type="submit" class="btn btn-primary">{tr!(partners.filter)}</button>
                <a class="btn btn-quiet" href="/forum">{tr!(partners.clear)}</a>
            </div>
        </Form>
        {current.clone().map(|c| view! { <CategoryHead category=c/> })}
        {(!page.pinned.is_empty()).then(|| view! { <section class="card"><h2 class="sr-only">{tr!(forum.pinned)}</h2><TopicRows rows=page.pinned.clone()/></section> })}
        <section class="card">
            <h2 class="sr-only">{tr!(forum.topics)}</h2>
            {empty.then(|| view! { <p class="muted">{tr!(forum.no_topics)}</p> })}
            <TopicRows rows=page.topics.clone()/>
            {next.map(|href| view! { <p class="pager"><a class="btn" href=href>{tr!(forum.older_topics)}</a></p> })}
        </section>
        <section class="card">
            <h2>{tr!(forum.categories)}</h2>
            <ul class="rows">
                {page.categories.iter().map(|c| view! {
                    <li>
                        <a href=format!("/forum?category={}", c.id)>{c.name.clone()}</a>
                        <span class="muted">{c.description.clone()}</span>
                        {page.can_manage_categories.then(|| view! { <span class="badge badge-info">{c.audience.clone()}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            {page.can_manage_categories.then(|| view! {
                <CategoryForm current=current tiers=page.tiers.clone() types=page.partner_types.clone()/>
            })}
        </section>
    }
}

#[component]
fn CategoryHead(category: CategoryView) -> impl IntoView {
    let watch = ServerAction::<SetWatch>::new();
    let level = category.watch;
    view! {
        <div class="category-head">
            <div>
                <h2>{category.name.clone()}</h2>
                <p class="muted">{category.description.clone()}</p>
            </div>
            <ServerForm action=watch attr:class="inline-form">
                <input type="hidden" name="target_kind" value="category"/>
                <input type="hidden" name="target_id" value=category.id/>
                <label for="category-watch" class="sr-only">{tr!(forum.category_notifications)}</label>
                <select id="category-watch" name="level">
                    {crate::types::forum::WatchLevel::ALL.iter().map(|l| view! {
                        <option value=l.as_str() selected=*l == level>{match l { crate::types::forum::WatchLevel::Normal => tr!(forum.watch_normal), crate::types::forum::WatchLevel::Watch => tr!(forum.watch_watch), crate::types::forum::WatchLevel::Mute => tr!(forum.watch_mute) }}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="btn">{tr!(funds.save)}</button>
            </ServerForm>
        </div>
    }
}

/// Creates a category, or changes the one being viewed.
#[component]
fn CategoryForm(
    current: Option<CategoryView>,
    tiers: Vec<(String, String)>,
    types: Vec<(String, String)>,
) -> impl IntoView {
    let action = ServerAction::<SaveCategory>::new();
    let error = action_error(action);
    let open = move || error.get().is_some();
    let visibility: Vec<(String, String)> = CategoryVisibility::ALL
        .iter()
        .map(|v| (v.as_str().to_owned(), v.label().to_owned()))
        .collect();
    let summary = if current.is_some() {
        tr!(forum.change_category)
    } else {
        tr!(forum.new_category)
    };
    let texts = current.as_ref().and_then(|c| c.texts.clone());
    let (id, name, description, selected, chosen_tiers, chosen_types) = match &current {
        Some(c) => (
            Some(c.id),
            texts
                .as_ref()
                .map_or_else(|| c.name.clone(), |t| t.original("name")),
            texts
                .as_ref()
                .map_or_else(|| c.description.clone(), |t| t.original("description")),
            c.visibility.as_str().to_owned(),
            c.tiers.clone(),
            c.types.clone(),
        ),
        None => (
            None,
            String::new(),
            String::new(),
            "partners".to_owned(),
            Vec::new(),
            Vec::new(),
        ),
    };
    view! {
        <details class="add-partner" open=open>
            <summary class="btn">{summary}</summary>
            <ServerForm action attr:class="form">
                <FormError error/>
                {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <TextField name="name" id="cat-name" label=tr!(funds.name) value=name required=true error=field_error(error, "name")/>
                <TextField name="description" id="cat-description" label=tr!(forum.description) value=description error=field_error(error, "description")/>
                <VersionFields texts id_prefix="cat" error fields=vec![
                    VersionedField::line("name", tr!(funds.name).to_owned()),
                    VersionedField::line("description", tr!(forum.description).to_owned()),
                ]/>
                <SelectField name="visibility" id="cat-visibility" label=tr!(forum.who_may_see) options=visibility selected=selected error=field_error(error, "visibility")/>
                <fieldset class="field">
                    <legend>{tr!(forum.narrow)}</legend>
                    <p class="field-hint">{tr!(forum.narrow_hint)}</p>
                    <div class="checks">
                        {tiers.into_iter().map(|(code, label)| {
                            let checked = chosen_tiers.contains(&code);
                            view! { <label class="check"><input type="checkbox" name=format!("tiers[{code}]") checked=checked/>{tr!(forum.tier_label, tier = &label).to_string()}</label> }
                        }).collect_view()}
                    </div>
                    <div class="checks">
                        {types.into_iter().map(|(code, label)| {
                            let checked = chosen_types.contains(&code);
                            view! { <label class="check"><input type="checkbox" name=format!("types[{code}]") checked=checked/>{label}</label> }
                        }).collect_view()}
                    </div>
                </fieldset>
                <button type="submit" class="btn btn-primary">{tr!(forum.save_category)}</button>
            </ServerForm>
        </details>
    }
}
