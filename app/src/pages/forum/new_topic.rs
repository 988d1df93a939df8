use super::compose::DraftBody;
use super::ForumTabs;
use crate::api::forum::{get_new_topic_form, CreateTopic};
use crate::components::field::{SelectField, TextField};
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error, kept};
use crate::resource::page_data;
use crate::tr;
use crate::types::forum::{NewTopicForm, MAX_TITLE};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const DRAFT_KEY: &str = "prm-draft:new-topic";

#[component]
pub fn NewTopicPage() -> impl IntoView {
    let form = page_data(|| (), |_| get_new_topic_form());
    view! {
        <Title text=tr!(forum.ask)/>
        <ForumTabs/>
        <h1>{tr!(forum.ask_community)}</h1>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
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
    if let Some(message) = form.blocked {
        return view! { <p class="notice notice-error">{message}</p> }.into_any();
    }
    if form.categories.is_empty() {
        return view! { <p class="card">{tr!(forum.no_category)}</p> }.into_any();
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
            <SelectField name="category_id" label=tr!(forum.category) options selected empty=tr!(forum.choose_category) error=field_error(error, "category_id")/>
            <TextField name="title" label=tr!(forum.title_field) value=kept(error, "title") required=true
                hint=tr!(forum.title_hint, max = MAX_TITLE).to_string() error=field_error(error, "title")/>
            <DraftBody id="topic-body".to_owned() label=tr!(forum.details).to_owned() draft_key=DRAFT_KEY.to_owned() value=kept(error, "body") error=field_error(error, "body").get_untracked()/>
            <TextField name="tags" label=tr!(forum.tags_optional) value=kept(error, "tags") hint=tr!(forum.tags_example) error=field_error(error, "tags")/>
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(forum.post_question)}</button>
        </ServerForm>
    }
    .into_any()
}
