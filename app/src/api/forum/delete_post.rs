use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "delete_post")]
pub async fn delete_post(post_id: i64) -> Result<(), AppError> {
    use crate::ssr::services::forum::posts;
    crate::api::as_actor(|state, actor| async move {
        match posts::delete(&state, &actor, post_id).await? {
            Some(topic_id) => {
                leptos_axum::redirect(&format!("/forum/topics/{topic_id}?saved=deleted"))
            }
            None => leptos_axum::redirect("/forum?saved=topic-deleted"),
        }
        Ok(())
    })
    .await
}
