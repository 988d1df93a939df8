use crate::error::AppError;
use leptos::prelude::*;

/// Switches the portal's language: remembered in a cookie for this browser
/// and, when signed in, as the user's own (their mails use it). A plain form
/// post, so the page reloads whole in the new language.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(lang: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{context, services::account};
    crate::api::as_visitor(|state| async move {
        let locale = account::chosen_locale(&lang)?;
        if let Some(actor) = context::actor_opt()? {
            account::set_locale(&state, &actor, locale).await?;
        }
        crate::api::auth::cookie::set_language(&state, locale);
        leptos_axum::redirect(&crate::api::own_page::own_page(next.as_deref()));
        Ok(())
    })
    .await
}
