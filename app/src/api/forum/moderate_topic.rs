use crate::error::AppError;
use leptos::prelude::*;

/// pin, unpin, lock or unlock.
#[server(prefix = "/api", endpoint = "moderate_topic")]
pub async fn moderate_topic(topic_id: i64, action: String) -> Result<(), AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::moderation;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            moderation::act_on_topic(&state, &actor, topic_id, &action).await?;
            leptos_axum::redirect(&format!("/forum/topics/{topic_id}"));
            Ok(())
        }
        .await,
    )
}
