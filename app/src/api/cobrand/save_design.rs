use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Saves a design; slot fields arrive as `values[headline]=…`.
#[server(prefix = "/api", endpoint = "save_design")]
pub async fn save_design(
    #[server(default)] design_id: Option<i64>,
    template_id: i64,
    #[server(default)] version: i32,
    name: String,
    #[server(default)] values: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::services::cobrand::designs;
    crate::api::as_actor(|state, actor| async move {
        let id = designs::save(
            &state,
            &actor,
            design_id,
            template_id,
            version,
            &name,
            &values,
        )
        .await?;
        leptos_axum::redirect(&format!("/cobrand/designs/{id}?saved=1"));
        Ok(())
    })
    .await
}
