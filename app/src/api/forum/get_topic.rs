use crate::error::AppError;
use crate::types::forum::TopicPage;
use leptos::prelude::*;

/// One page of a topic; marks it read. `quote` starts the reply with a
/// quote of that post.
#[server(prefix = "/api", endpoint = "get_topic")]
pub async fn get_topic(
    id: i64,
    #[server(default)] after: Option<i64>,
    #[server(default)] quote: Option<i64>,
) -> Result<TopicPage, AppError> {
    use crate::ssr::services::forum::topics;
    crate::api::as_actor(|state, actor| async move {
        topics::open(&state, &actor, id, after, quote).await
    })
    .await
}
