use crate::error::AppError;
use crate::types::deal::DealForm;
use leptos::prelude::*;

/// The registration form: new (made from the accepted `lead`, if given),
/// or the reader's draft or returned `id`.
#[server(prefix = "/api", endpoint = "get_deal_form")]
pub async fn get_deal_form(
    #[server(default)] id: Option<i64>,
    #[server(default)] lead: Option<i64>,
) -> Result<DealForm, AppError> {
    use crate::ssr::services::deals::read;
    crate::api::as_actor(|state, actor| async move { read::form(&state, &actor, id, lead).await })
        .await
}
