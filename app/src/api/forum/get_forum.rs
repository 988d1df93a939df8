use crate::error::AppError;
use crate::types::forum::ForumPage;
use crate::types::forum::SolvedFilter;
use crate::types::Choice;
use leptos::prelude::*;

/// The topic list: pinned first (page one), then by latest activity.
#[server(prefix = "/api", endpoint = "get_forum")]
pub async fn get_forum(
    #[server(default)] category: Option<i64>,
    #[server(default)] tag: String,
    #[server(default)] solved: Choice<SolvedFilter>,
    #[server(default)] after: Option<i64>,
) -> Result<ForumPage, AppError> {
    use crate::ssr::services::forum::topics;
    use crate::types::forum::TopicFilter;
    crate::api::as_actor(|state, actor| async move {
        topics::page(
            &state,
            &actor,
            TopicFilter {
                category,
                tag,
                solved,
            },
            after,
        )
        .await
    })
    .await
}
