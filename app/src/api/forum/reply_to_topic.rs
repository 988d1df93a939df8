use crate::error::AppError;
use leptos::prelude::*;

/// Adds a reply; answers with its id and sends the browser to it.
#[server(prefix = "/api", endpoint = "reply_to_topic")]
pub async fn reply_to_topic(topic_id: i64, body: String) -> Result<i64, AppError> {
    use super::topic_href;

    use crate::ssr::services::forum::posts;
    crate::api::as_actor(|state, actor| async move {
        let (id, after) = posts::reply(&state, &actor, topic_id, &body).await?;
        leptos_axum::redirect(&topic_href(topic_id, after, id));
        Ok(id)
    })
    .await
}
