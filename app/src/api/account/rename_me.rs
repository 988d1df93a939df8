use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "rename_me")]
pub async fn rename_me(name: String) -> Result<(), AppError> {
    use crate::ssr::{context, services::account};
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            account::rename(&state, &actor, &name).await?;
            leptos_axum::redirect("/account?saved=name");
            Ok(())
        }
        .await,
    )
}
