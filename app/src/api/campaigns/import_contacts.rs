use crate::error::AppError;
use crate::types::campaign::ImportPreview;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Checks a CSV of contacts (`commit` empty) or imports the rows that pass
/// (`commit` set). `mapping[0]=email` maps column 0; `consent_all` is the
/// uploader's word that everyone in the file agreed to marketing e-mail.
#[server(prefix = "/api", endpoint = "import_contacts")]
pub async fn import_contacts(
    csv: String,
    #[server(default)] mapping: BTreeMap<usize, String>,
    #[server(default)] consent_all: Option<String>,
    #[server(default)] commit: Option<String>,
) -> Result<ImportPreview, AppError> {
    use crate::ssr::services::campaigns::contacts;
    crate::api::as_actor(|state, actor| async move {
        let mapping: Vec<String> = mapping.into_values().collect();
        let consent_all = consent_all.is_some();
        if commit.is_some() {
            contacts::import(&state, &actor, &csv, &mapping, consent_all).await
        } else {
            contacts::preview(&state, &actor, &csv, &mapping, consent_all).await
        }
    })
    .await
}
