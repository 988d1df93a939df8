use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "set_user_active")]
pub async fn set_user_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::ssr::services::users;
    crate::api::as_actor(|state, actor| async move {
        users::set_active(&state, &actor, id, active).await?;
        leptos_axum::redirect("/users");
        Ok(())
    })
    .await
}
