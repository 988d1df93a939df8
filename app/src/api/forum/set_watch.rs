use crate::error::AppError;
use leptos::prelude::*;

/// Watch, mute or reset a topic or category.
#[server(prefix = "/api", endpoint = "set_watch")]
pub async fn set_watch(target_kind: String, target_id: i64, level: String) -> Result<(), AppError> {
    use crate::ssr::services::forum::notify;
    crate::api::as_actor(|state, actor| async move {
        notify::set_watch(&state, &actor, &target_kind, target_id, &level).await?;
        leptos_axum::redirect(&if target_kind == "topic" {
            format!("/forum/topics/{target_id}?saved=watch")
        } else {
            format!("/forum?category={target_id}&saved=watch")
        });
        Ok(())
    })
    .await
}
