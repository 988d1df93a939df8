use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How the actor hears of each kind: `delivery[kind]` is `bell`, `mail`,
/// `digest` or `off`.
#[server(prefix = "/api", endpoint = "set_notification_preferences")]
pub async fn set_notification_preferences(
    #[server(default)] delivery: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::notifications;
    crate::api::as_actor(|state, actor| async move {
        notifications::set_preferences(&state, &actor, &delivery).await?;
        leptos_axum::redirect("/notifications?saved=preferences#settings");
        Ok(())
    })
    .await
}
