use crate::error::AppError;
use crate::types::views::UserAdmin;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "list_users")]
pub async fn list_users() -> Result<UserAdmin, AppError> {
    use crate::ssr::{context, services::users};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            users::admin_view(&state, &actor).await
        }
        .await,
    )
}
