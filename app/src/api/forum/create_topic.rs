use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "create_topic")]
pub async fn create_topic(
    category_id: i64,
    title: String,
    #[server(default)] tags: String,
    body: String,
) -> Result<(), AppError> {
    use crate::ssr::services::forum::topics;
    crate::api::as_actor(|state, actor| async move {
        let id = topics::create(
            &state,
            &actor,
            topics::NewTopic {
                category_id,
                title,
                tags,
                body,
            },
        )
        .await?;
        leptos_axum::redirect(&format!("/forum/topics/{id}"));
        Ok(())
    })
    .await
}
