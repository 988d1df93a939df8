use crate::api::forum::get_post_history;
use crate::components::notice::LoadError;
use crate::resource::page_data;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A post's earlier versions, newest first, as the Markdown that was written.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let history = page_data(id, get_post_history);
    view! {
        <Title text=tr!(forum.edit_history)/>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match history.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(h) => view! {
                        <p class="muted"><a href=format!("/forum/topics/{}#post-{}", h.topic_id, h.post_id)>{tr!(forum.back_to, topic = &h.topic_title).to_string()}</a></p>
                        <h1>{tr!(forum.edit_history)}</h1>
                        <section class="card">
                            <h2>{tr!(forum.now)}</h2>
                            <pre class="prewrap">{h.current_md.clone()}</pre>
                        </section>
                        {h.revisions.into_iter().map(|r| view! {
                            <section class="card">
                                <h2>{tr!(forum.before_edit, editor = &r.editor_name, when = &r.created_at).to_string()}</h2>
                                {r.title.map(|t| view! { <p><strong>{tr!(forum.title_label)}</strong>{t}</p> })}
                                <pre class="prewrap">{r.body_md}</pre>
                            </section>
                        }).collect_view()}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
