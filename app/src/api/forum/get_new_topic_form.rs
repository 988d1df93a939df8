use crate::error::AppError;
use crate::types::forum::NewTopicForm;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_new_topic_form")]
pub async fn get_new_topic_form() -> Result<NewTopicForm, AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::topics;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            topics::new_topic_form(&state, &actor).await
        }
        .await,
    )
}
