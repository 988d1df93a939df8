use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "edit_post")]
pub async fn edit_post(
    post_id: i64,
    version: i32,
    body: String,
    #[server(default)] title: Option<String>,
    #[server(default)] tags: Option<String>,
) -> Result<(), AppError> {
    use super::topic_href;

    use crate::ssr::services::forum::{posts, topics};
    crate::api::as_actor(|state, actor| async move {
        posts::edit(
            &state,
            &actor,
            posts::Edit {
                post_id,
                version,
                body,
                title,
                tags,
            },
        )
        .await?;
        let (topic_id, after) = topics::locate(&state, &actor, post_id).await?;
        leptos_axum::redirect(&topic_href(topic_id, after, post_id));
        Ok(())
    })
    .await
}
