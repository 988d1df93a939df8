use crate::error::AppError;
use crate::types::views::TenantBrand;
use leptos::prelude::*;

/// The program's name and colour for the signed-out pages.
#[server(prefix = "/api", endpoint = "program_brand")]
pub async fn program_brand() -> Result<TenantBrand, AppError> {
    use crate::ssr::context;
    crate::api::as_visitor(|_| async move {
        let tenant = context::tenant()?;
        Ok(TenantBrand {
            name: tenant.name,
            brand_color: tenant.brand_color,
        })
    })
    .await
}
