use crate::error::AppError;
use crate::types::forum::NewTopicForm;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_new_topic_form")]
pub async fn get_new_topic_form() -> Result<NewTopicForm, AppError> {
    use crate::ssr::services::forum::topics;
    crate::api::as_actor(|state, actor| async move { topics::new_topic_form(&state, &actor).await })
        .await
}
