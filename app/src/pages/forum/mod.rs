//! Community forum pages: the topic list, a topic, starting a topic,
//! search, notifications, moderation and a post's history.

mod compose;
mod edit;
mod history;
mod list;
mod moderation;
mod new_topic;
mod notifications;
mod search;
mod topic;

pub use edit::EditPostPage;
pub use history::HistoryPage;
pub use list::ForumPage;
pub use moderation::ModerationPage;
pub use new_topic::NewTopicPage;
pub use notifications::NotificationsPage;
pub use search::SearchPage;
pub use topic::TopicPage;

use crate::types::forum::TopicRow;
use leptos::prelude::*;
use leptos_router::components::A;

/// Forum sub-navigation shared by the forum pages.
#[component]
fn ForumTabs(#[prop(optional)] moderator: bool) -> impl IntoView {
    view! {
        <nav class="forum-tabs" aria-label="Forum">
            <A href="/forum" exact=true>"Topics"</A>
            <A href="/forum/search">"Search"</A>
            <A href="/forum/notifications">"Notifications"</A>
            {moderator.then(|| view! { <A href="/forum/moderation">"Moderation"</A> })}
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
                        {t.unread.then(|| view! { <span class="dot" aria-label="New activity"></span> })}
                        {t.title.clone()}
                    </a>
                    <span class="topic-meta">
                        {t.pinned.then(|| view! { <span class="badge badge-info">"Pinned"</span> })}
                        {t.solved.then(|| view! { <span class="badge badge-ok">"Solved"</span> })}
                        {t.locked.then(|| view! { <span class="badge">"Locked"</span> })}
                        {t.pending.then(|| view! { <span class="badge badge-wait">"Awaiting approval"</span> })}
                        <span class="muted">{format!("{} · {} · {} {} · {}", t.category_name, t.author_name, t.reply_count, if t.reply_count == 1 { "reply" } else { "replies" }, t.last_activity)}</span>
                        {t.tags.iter().map(|tag| view! { <a class="tag" href=format!("/forum?tag={tag}")>{format!("#{tag}")}</a> }).collect_view()}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    }
}
