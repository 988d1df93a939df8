//! Community forum endpoints.

mod accept_answer;
pub use accept_answer::*;
mod create_topic;
pub use create_topic::*;
mod delete_post;
pub use delete_post::*;
mod edit_post;
pub use edit_post::*;
mod find_members;
pub use find_members::*;
mod flag_post;
pub use flag_post::*;
mod get_forum;
pub use get_forum::*;
mod get_moderation;
pub use get_moderation::*;
mod get_new_posts;
pub use get_new_posts::*;
mod get_new_topic_form;
pub use get_new_topic_form::*;
mod get_post_edit;
pub use get_post_edit::*;
mod get_post_history;
pub use get_post_history::*;
mod get_quote;
pub use get_quote::*;
mod get_topic;
pub use get_topic::*;
mod like_post;
pub use like_post::*;
mod moderate_post;
pub use moderate_post::*;
mod moderate_topic;
pub use moderate_topic::*;
mod reply_to_topic;
pub use reply_to_topic::*;
mod save_category;
pub use save_category::*;
mod search_forum;
pub use search_forum::*;
mod set_forum_approval;
pub use set_forum_approval::*;
mod set_watch;
pub use set_watch::*;
mod suspend_member;
pub use suspend_member::*;

/// Where a post lives: its topic page (from `after` when it is past the
/// first page), scrolled to the post.
#[cfg(feature = "ssr")]
fn topic_href(topic_id: i64, after: Option<i64>, post_id: i64) -> String {
    match after {
        Some(after) => format!("/forum/topics/{topic_id}?after={after}#post-{post_id}"),
        None => format!("/forum/topics/{topic_id}#post-{post_id}"),
    }
}
