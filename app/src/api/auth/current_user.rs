use crate::error::AppError;
use crate::types::views::CurrentUser;
use leptos::prelude::*;

/// The signed-in user, or `None` when signed out.
#[server(prefix = "/api", endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::ssr::context;
    crate::api::as_visitor(|state| async move {
        let Some(actor) = context::actor_opt()? else {
            return Ok(None);
        };
        let tenant = context::tenant()?;
        let unread_notifications =
            crate::ssr::services::notifications::unread_count(&state.db, &actor).await?;
        Ok(Some(CurrentUser {
            id: actor.user_id,
            name: actor.name,
            email: actor.email,
            role: actor.role,
            organization_id: actor.organization_id,
            organization_name: actor.organization_name,
            org_kind: actor.org_kind,
            tenant_name: tenant.name,
            brand_color: tenant.brand_color,
            locale: context::locale(),
            unread_notifications,
            time_zone: actor.time_zone.name().to_owned(),
        }))
    })
    .await
}
