use crate::error::AppError;
use crate::types::forum::TopicAction;
use crate::types::Choice;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "moderate_topic")]
pub async fn moderate_topic(topic_id: i64, action: Choice<TopicAction>) -> Result<(), AppError> {
    use crate::ssr::services::forum::moderation;
    crate::api::as_actor(|state, actor| async move {
        moderation::act_on_topic(&state, &actor, topic_id, &action).await?;
        leptos_axum::redirect(&format!("/forum/topics/{topic_id}"));
        Ok(())
    })
    .await
}
