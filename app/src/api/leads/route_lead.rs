use crate::error::AppError;
use leptos::prelude::*;

/// Vendor staff route a lead now: automatically (`partner` empty) or to
/// the partner it names (an id or a name), with a note.
#[server(prefix = "/api", endpoint = "route_lead")]
pub async fn route_lead(
    id: i64,
    version: i32,
    #[server(default)] partner: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::ssr::services::leads::respond;
    crate::api::as_actor(|state, actor| async move {
        respond::route_now(&state, &actor, (id, version), &partner, &note).await?;
        leptos_axum::redirect(&format!("/leads/{id}?saved=routed"));
        Ok(())
    })
    .await
}
