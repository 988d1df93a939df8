use crate::error::AppError;
use crate::types::views::InvitationInfo;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationInfo, AppError> {
    use crate::ssr::{context, services::invitations};
    crate::api::as_visitor(|state| async move {
        let tenant = context::tenant()?;
        invitations::info(&state, &tenant, &token).await
    })
    .await
}
