use super::ForumTabs;
use crate::api::forum::search_forum;
use crate::components::field::SelectField;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::tr;
use crate::types::forum::SolvedFilter;
use crate::types::Choice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            q.get("q").unwrap_or_default(),
            q.get("category").and_then(|c| c.parse::<i64>().ok()),
            q.get("tag").unwrap_or_default(),
            Choice::parse(&q.get("solved").unwrap_or_default()),
        )
    };
    let results = page_data(args, |(q, category, tag, solved)| {
        search_forum(q, category, tag, solved)
    });
    let none = Signal::derive(|| None::<String>);
    view! {
        <Title text=tr!(forum.search_title)/>
        <ForumTabs/>
        <h1>{tr!(forum.search_title)}</h1>
        <Transition fallback=|| view! { <p class="loading">{tr!(forum.searching)}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(r) => {
                        let categories: Vec<(String, String)> = r.categories.iter().map(|c| (c.id.to_string(), c.name.clone())).collect();
                        let solved: Vec<(String, String)> = SolvedFilter::ALL.iter().skip(1).map(|s| (s.as_str().to_owned(), s.label().to_owned())).collect();
                        let searched = !r.query.is_empty();
                        let count = r.hits.len();
                        view! {
                            <Form method="GET" action="/forum/search" attr:class="filters" attr:role="search">
                                <div class="field field-search">
                                    <label for="f-q">{tr!(forum.words)}</label>
                                    <input id="f-q" type="search" name="q" value=r.query.clone() placeholder="e.g. licence renewal"/>
                                </div>
                                <SelectField id="search-category" name="category" label=tr!(forum.category) options=categories selected=r.filter.category.map(|c| c.to_string()).unwrap_or_default() empty=tr!(forum.all_categories) error=none/>
                                <SelectField id="search-solved" name="solved" label=tr!(forum.answered) options=solved selected=r.filter.solved.raw() empty=tr!(enums.solved_filter.any) error=none/>
                                <div class="field">
                                    <label for="search-tag">{tr!(forum.tag)}</label>
                                    <input id="search-tag" name="tag" value=r.filter.tag.clone()/>
                                </div>
                                <div class="filter-actions">
                                    <button type="submit" class="btn btn-primary">{tr!(partners.search)}</button>
                                </div>
                            </Form>
                            {searched.then(|| view! {
                                <p class="muted" role="status">{tr!(forum.results, count).to_string()}</p>
                            })}
                            <ul class="search-hits">
                                {r.hits.into_iter().map(|h| view! {
                                    <li class="card">
                                        <a class="topic-title" href=format!("/forum/topics/{}#post-{}", h.topic_id, h.post_id)>{h.title.clone()}</a>
                                        <span class="topic-meta">
                                            {h.solved.then(|| view! { <span class="badge badge-ok">{tr!(enums.solved_filter.solved)}</span> })}
                                            <span class="muted">{if h.is_question { tr!(forum.hit_question, category = &h.category_name).to_string() } else { tr!(forum.hit_reply, category = &h.category_name).to_string() }}</span>
                                        </span>
                                        <p>{h.snippet}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
