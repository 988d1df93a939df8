use super::compose::DraftBody;
use crate::api::forum::{get_post_edit, EditPost};
use crate::components::field::TextField;
use crate::components::notice::{FormError, LoadError};
use crate::components::server_form::ServerForm;
use crate::pages::{action_error, field_error};
use crate::resource::page_data;
use crate::tr;
use crate::types::forum::PostEdit;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EditPostPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let post = page_data(id, get_post_edit);
    view! {
        <Title text=tr!(forum.edit_post)/>
        <h1>{tr!(forum.edit_post)}</h1>
        <Suspense fallback=|| view! { <p class="loading">{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                match post.await {
                    Err(error) => view! { <LoadError error/> }.into_any(),
                    Ok(p) => view! { <EditForm post=p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditForm(post: PostEdit) -> impl IntoView {
    let action = ServerAction::<EditPost>::new();
    let error = action_error(action);
    let kept = move |name: &str, fallback: &str| {
        error
            .get_untracked()
            .and_then(|e| e.kept(name))
            .unwrap_or_else(|| fallback.to_owned())
    };
    view! {
        <ServerForm action attr:class="form card" attr:novalidate=true>
            <FormError error/>
            <input type="hidden" name="post_id" value=post.post_id/>
            <input type="hidden" name="version" value=post.version/>
            {post.is_first.then(|| view! {
                <TextField name="title" label=tr!(forum.title_field) value=kept("title", &post.title) required=true error=field_error(error, "title")/>
                <TextField name="tags" label=tr!(forum.tags) value=kept("tags", &post.tags) hint=tr!(forum.tags_hint) error=field_error(error, "tags")/>
            })}
            <DraftBody id="edit-body".to_owned() label=tr!(forum.text).to_owned() draft_key=format!("prm-draft:edit:{}", post.post_id) value=kept("body", &post.body_md) error=field_error(error, "body").get_untracked()/>
            <p class="muted">{tr!(forum.earlier_version_kept)}</p>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{tr!(forum.save_changes)}</button>
                <a class="btn btn-quiet" href=format!("/forum/topics/{}#post-{}", post.topic_id, post.post_id)>{tr!(forum.cancel)}</a>
            </div>
        </ServerForm>
    }
}
