//! Forum wire types: states and the views the forum pages render.

use super::Choice;
use serde::{Deserialize, Serialize};

string_enum!(
    /// Who may see a category.
    CategoryVisibility in category_visibility {
        Partners => ("partners", partners),
        Staff => ("staff", staff),
    }
);

string_enum!(
    PostStatus in post_status {
        Published => ("published", published),
        Pending => ("pending", pending),
        Hidden => ("hidden", hidden),
        Deleted => ("deleted", deleted),
    }
);

string_enum!(
    /// How much a user hears about a topic or category.
    WatchLevel in watch_level {
        Normal => ("normal", normal),
        Watch => ("watch", watch),
        Mute => ("mute", mute),
    }
);

string_enum!(
    /// What a watch is on.
    WatchTarget in watch_target {
        Topic => ("topic", topic),
        Category => ("category", category),
    }
);

string_enum!(
    /// What a moderator does to a post.
    PostAction in post_action {
        Hide => ("hide", hide),
        Restore => ("restore", restore),
        Dismiss => ("dismiss", dismiss),
        Approve => ("approve", approve),
        Reject => ("reject", reject),
    }
);

string_enum!(
    /// What a moderator does to a topic.
    TopicAction in topic_action {
        Pin => ("pin", pin),
        Unpin => ("unpin", unpin),
        Lock => ("lock", lock),
        Unlock => ("unlock", unlock),
    }
);

string_enum!(
    /// How a flag was settled.
    FlagOutcome in flag_outcome {
        Hidden => ("hidden", hidden),
        Kept => ("kept", kept),
    }
);

string_enum!(
    FlagReason in flag_reason {
        Spam => ("spam", spam),
        Offensive => ("offensive", offensive),
        OffTopic => ("off_topic", off_topic),
        Confidential => ("confidential", confidential),
        Other => ("other", other),
    }
);

string_enum!(
    /// Topic list filter on solved state.
    SolvedFilter in solved_filter {
        Any => ("", any),
        Solved => ("solved", solved),
        Unsolved => ("unsolved", unsolved),
    }
);

/// Longest topic title and post body we accept.
pub const MAX_TITLE: usize = 150;
pub const MIN_TITLE: usize = 8;
pub const MAX_BODY: usize = 20_000;
pub const MAX_TAGS: usize = 5;
pub const PAGE_TOPICS: u64 = 30;
pub const PAGE_POSTS: u64 = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub visibility: CategoryVisibility,
    /// Who sees it, in words ("All partners", "Gold, Platinum").
    pub audience: String,
    /// Tier and partner-type codes it is narrowed to (empty: all).
    pub tiers: Vec<String>,
    pub types: Vec<String>,
    pub watch: WatchLevel,
    /// The stored texts, for those who may change the category.
    pub texts: Option<crate::types::localized::Texts>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicRow {
    pub id: i64,
    pub title: String,
    pub category_name: String,
    pub author_name: String,
    pub tags: Vec<String>,
    pub pinned: bool,
    pub locked: bool,
    pub solved: bool,
    pub pending: bool,
    pub reply_count: i32,
    pub last_activity: String,
    /// Never opened, or new posts since the user last read it.
    pub unread: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TopicFilter {
    pub category: Option<i64>,
    pub tag: String,
    pub solved: Choice<SolvedFilter>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumPage {
    pub categories: Vec<CategoryView>,
    pub pinned: Vec<TopicRow>,
    pub topics: Vec<TopicRow>,
    /// Pass as `after` for the next page.
    pub next_cursor: Option<i64>,
    pub filter: TopicFilter,
    pub can_moderate: bool,
    pub can_manage_categories: bool,
    pub flagged_count: u64,
    /// Tier and partner-type codes with labels, for the category form.
    pub tiers: Vec<(String, String)>,
    pub partner_types: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub author_handle: String,
    pub author_org: String,
    pub author_is_staff: bool,
    pub is_first: bool,
    /// Sanitised on the server when the post was saved. The Markdown stays
    /// on the server (quotes and edits fetch it): sending both doubled the
    /// page's hydration data.
    pub body_html: String,
    pub status: PostStatus,
    pub created_at: String,
    pub edited: bool,
    pub like_count: i32,
    pub liked_by_me: bool,
    pub flagged_by_me: bool,
    pub version: i32,
    pub can_edit: bool,
    pub can_like: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicHead {
    pub id: i64,
    pub title: String,
    pub category_id: i64,
    pub category_name: String,
    pub tags: Vec<String>,
    pub pinned: bool,
    pub locked: bool,
    pub pending: bool,
    pub deleted: bool,
    pub accepted_post_id: Option<i64>,
    pub reply_count: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicPage {
    pub topic: TopicHead,
    /// The question (first page only) and replies in order.
    pub posts: Vec<PostView>,
    /// The accepted answer, shown under the question.
    pub accepted: Option<PostView>,
    pub next_cursor: Option<i64>,
    /// Whether this page continues an earlier one (no question on it).
    pub continued: bool,
    pub can_reply: bool,
    /// Why the user cannot reply, when they cannot.
    pub reply_blocked: Option<String>,
    pub can_accept: bool,
    pub can_moderate: bool,
    pub watch: WatchLevel,
    /// Newest post id shown: where live updates continue from.
    pub last_post_id: i64,
    pub my_user_id: i64,
    /// The reply box's start for `?quote=ID` (the Quote link without
    /// JavaScript).
    pub quoted: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewTopicForm {
    pub categories: Vec<CategoryView>,
    pub blocked: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub body_md: String,
    pub title: Option<String>,
    pub editor_name: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostHistory {
    pub post_id: i64,
    pub topic_id: i64,
    pub topic_title: String,
    pub current_md: String,
    /// Earlier versions, newest first.
    pub revisions: Vec<RevisionView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberHint {
    pub handle: String,
    pub name: String,
    pub org: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub topic_id: i64,
    pub post_id: i64,
    pub title: String,
    pub snippet: String,
    pub category_name: String,
    pub solved: bool,
    pub is_question: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub query: String,
    pub hits: Vec<SearchHit>,
    pub categories: Vec<CategoryView>,
    pub filter: TopicFilter,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagView {
    pub reason: FlagReason,
    pub note: String,
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuedPost {
    pub post_id: i64,
    pub topic_id: i64,
    pub topic_title: String,
    pub author_id: i64,
    pub author_name: String,
    pub body_html: String,
    pub status: PostStatus,
    pub is_first: bool,
    pub flags: Vec<FlagView>,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuspensionView {
    pub user_id: i64,
    pub user_name: String,
    pub until: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationPage {
    pub flagged: Vec<QueuedPost>,
    pub pending: Vec<QueuedPost>,
    pub hidden: Vec<QueuedPost>,
    pub suspensions: Vec<SuspensionView>,
    pub approve_first_posts: bool,
}

/// Tags as typed ("Billing, sd-wan  setup") → normalised, unique, at most
/// [`MAX_TAGS`]: lower case, words joined by hyphens. Errors name the
/// offending tag.
pub fn parse_tags(raw: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for part in raw.split(',') {
        let words: Vec<String> = part.split_whitespace().map(|w| w.to_lowercase()).collect();
        if words.is_empty() {
            continue;
        }
        let tag = words.join("-");
        if tag.chars().count() > 30 {
            return Err(crate::tr!(forum.tag_long, tag = &tag).to_string());
        }
        if !tag
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == '+')
        {
            return Err(crate::tr!(forum.tag_chars, tag = &tag).to_string());
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(crate::tr!(forum.max_tags, max = MAX_TAGS).to_string());
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::parse_tags;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(
            parse_tags("Billing, SD WAN setup ,billing,").unwrap(),
            vec!["billing", "sd-wan-setup"]
        );
        assert!(parse_tags("a,b,c,d,e,f").unwrap_err().contains("at most 5"));
        assert!(parse_tags("<script>").is_err());
        assert!(parse_tags("").unwrap().is_empty());
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostEdit {
    pub post_id: i64,
    pub topic_id: i64,
    pub version: i32,
    pub body_md: String,
    pub is_first: bool,
    pub title: String,
    /// Tags as the form shows them: "billing, sd-wan".
    pub tags: String,
}
