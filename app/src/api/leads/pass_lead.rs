use crate::error::AppError;
use leptos::prelude::*;

/// A distributor passes a lead it holds to one of its resellers.
#[server(prefix = "/api", endpoint = "pass_lead")]
pub async fn pass_lead(
    id: i64,
    version: i32,
    #[server(default)] reseller: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::ssr::services::leads::respond;
    crate::api::as_actor(|state, actor| async move {
        respond::pass(&state, &actor, (id, version), &reseller, &note).await?;
        leptos_axum::redirect("/leads?saved=passed");
        Ok(())
    })
    .await
}
