use crate::error::AppError;
use crate::types::campaign::ContactsPage;
use leptos::prelude::*;

/// The company's contacts, newest first, 100 per page.
#[server(prefix = "/api", endpoint = "get_contacts")]
pub async fn get_contacts(before: Option<i64>) -> Result<ContactsPage, AppError> {
    use crate::ssr::services::campaigns::contacts;
    crate::api::as_actor(|state, actor| async move { contacts::page(&state, &actor, before).await })
        .await
}
