use crate::error::AppError;
use crate::types::views::UserAdmin;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "list_users")]
pub async fn list_users() -> Result<UserAdmin, AppError> {
    use crate::ssr::services::users;
    crate::api::as_actor(|state, actor| async move { users::admin_view(&state, &actor).await })
        .await
}
