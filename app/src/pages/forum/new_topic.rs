use super::compose::{clear_draft, BodyEditor};
use super::ForumTabs;
use crate::api::forum::{get_new_topic_form, CreateTopic};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::types::forum::{NewTopicForm, MAX_TITLE};
use leptos::html::Textarea;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const DRAFT_KEY: &str = "prm-draft:new-topic";

#[component]
pub fn NewTopicPage() -> impl IntoView {
    let form = page_data(|| (), |_| get_new_topic_form());
    view! {
        <Title text="Ask a question"/>
        <ForumTabs/>
        <h1>"Ask the community"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(f) => view! { <Compose form=f/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Compose(form: NewTopicForm) -> impl IntoView {
    let query = use_query_map();
    let action = ServerAction::<CreateTopic>::new();
    let error = action_error(action);
    let node = NodeRef::<Textarea>::new();
    Effect::new(move |_| {
        if action.value().get().is_some_and(|r| r.is_ok()) {
            clear_draft(DRAFT_KEY);
        }
    });
    if let Some(message) = form.blocked {
        return view! { <p class="notice notice-error">{message}</p> }.into_any();
    }
    if form.categories.is_empty() {
        return view! { <p class="card">"There is no category you can post in yet."</p> }
            .into_any();
    }
    let options: Vec<(String, String)> = form
        .categories
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let selected = Some(kept(error, "category_id"))
        .filter(|v| !v.is_empty())
        .or_else(|| query.read_untracked().get("category"))
        .unwrap_or_default();
    view! {
        <ServerForm action attr:class="form card" attr:novalidate=true>
            <FormError error/>
            <SelectField name="category_id" label="Category" options selected empty="Choose a category…" error=field_error(error, "category_id")/>
            <TextField name="title" label="Title" value=kept(error, "title") required=true
                hint=format!("Say what you need in one line (up to {MAX_TITLE} characters).") error=field_error(error, "title")/>
            <BodyEditor id="topic-body" label="Details" draft_key=DRAFT_KEY value=kept(error, "body") error=field_error(error, "body") node/>
            <TextField name="tags" label="Tags (optional)" value=kept(error, "tags") hint="Up to 5, separated by commas: licensing, sd-wan" error=field_error(error, "tags")/>
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Post question"</button>
        </ServerForm>
    }
    .into_any()
}
