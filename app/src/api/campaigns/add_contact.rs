use crate::error::AppError;
use leptos::prelude::*;

/// Adds one contact typed in by hand; `consent` is the user's confirmation
/// that the person agreed to marketing e-mail.
#[server(prefix = "/api", endpoint = "add_contact")]
pub async fn add_contact(
    email: String,
    #[server(default)] name: String,
    #[server(default)] company: String,
    #[server(default)] consent: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::services::campaigns::contacts::{self, NewContact};
    crate::api::as_actor(|state, actor| async move {
        let input = NewContact {
            email: &email,
            name: &name,
            company: &company,
            consent: consent.is_some(),
        };
        contacts::add(&state, &actor, input).await?;
        leptos_axum::redirect("/contacts?added=1");
        Ok(())
    })
    .await
}
