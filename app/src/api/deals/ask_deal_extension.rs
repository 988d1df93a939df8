use crate::error::AppError;
use leptos::prelude::*;

/// The partner asks for more protection time on an approved registration.
#[server(prefix = "/api", endpoint = "ask_deal_extension")]
pub async fn ask_deal_extension(
    id: i64,
    version: i32,
    #[server(default)] extension_reason: String,
) -> Result<(), AppError> {
    use crate::ssr::services::deals::close;
    crate::api::as_actor(|state, actor| async move {
        close::ask_extension(&state, &actor, (id, version), &extension_reason).await?;
        leptos_axum::redirect(&format!("/deals/{id}?saved=extension_asked"));
        Ok(())
    })
    .await
}
