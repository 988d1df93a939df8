use crate::error::AppError;
use crate::types::{Choice, Role};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "invite_user")]
pub async fn invite_user(
    organization_id: String,
    email: String,
    role: Choice<Role>,
    /// The invitation mail's language; the inviter's when absent.
    lang: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::services::invitations;
    crate::api::as_actor(|state, actor| async move {
        let form = invitations::InviteForm {
            organization: &organization_id,
            email: &email,
            role: &role,
            lang: lang.as_deref(),
        };
        invitations::invite(&state, &actor, form).await?;
        leptos_axum::redirect("/users?invited=1");
        Ok(())
    })
    .await
}
