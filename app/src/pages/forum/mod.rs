//! Community forum pages: the topic list, a topic, starting a topic,
//! search, notifications, moderation and a post's history.

mod compose;
mod edit;
mod history;
mod list;
mod moderation;
mod new_topic;
mod search;
mod topic;

pub use edit::EditPostPage;
pub use history::HistoryPage;
pub use list::ForumPage;
pub use moderation::ModerationPage;
pub use new_topic::NewTopicPage;
pub use search::SearchPage;
pub use topic::TopicPage;

use crate::tr;
use crate::types::forum::TopicRow;
use leptos::prelude::*;
use leptos_router::components::A;

/// Forum sub-navigation shared by the forum pages.
#[component]
fn ForumTabs(#[prop(optional)] moderator: bool) -> impl IntoView {
    view! {
        <nav class="forum-tabs" aria-label=tr!(forum.forum)>
            <A href="/forum" exact=true>{tr!(forum.topics)}</A>
            <A href="/forum/search">{tr!(partners.search)}</A>
            {moderator.then(|| view! { <A href="/forum/moderation">{tr!(forum.moderation)}</A> })}
        </nav>
    }
}

#[component]
fn TopicRows(rows: Vec<TopicRow>) -> impl IntoView {
    view! {
        <ul class="topic-list">
            {rows.into_iter().map(|t| view! {
                <li class:unread=t.unread>
                    <a class="topic-title" href=format!("/forum/topics/{}", t.id)>
                        {t.unread.then(|| view! { <span class="dot" aria-label=tr!(forum.new_activity)></span> })}
                        {t.title.clone()}
                    </a>
                    <span class="topic-meta">
                        {t.pinned.then(|| view! { <span class="badge badge-info">{tr!(forum.pinned)}</span> })}
                        {t.solved.then(|| view! { <span class="badge badge-ok">{tr!(enums.solved_filter.solved)}</span> })}
                        {t.locked.then(|| view! { <span class="badge">{tr!(forum.locked)}</span> })}
                        {t.pending.then(|| view! { <span class="badge badge-wait">{tr!(enums.post_status.pending)}</span> })}
                        <span class="muted">{tr!(forum.topic_meta, category = &t.category_name, author = &t.author_name, count = t.reply_count, when = &t.last_activity).to_string()}</span>
                        {t.tags.iter().map(|tag| view! { <a class="tag" href=format!("/forum?tag={tag}")>{format!("#{tag}")}</a> }).collect_view()}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    }
}
