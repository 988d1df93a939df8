use crate::error::AppError;
use crate::types::forum::MemberHint;
use leptos::prelude::*;

/// @mention completion.
#[server(prefix = "/api", endpoint = "find_members")]
pub async fn find_members(prefix: String) -> Result<Vec<MemberHint>, AppError> {
    use crate::ssr::services::forum::members;
    crate::api::as_actor(
        |state, actor| async move { members::complete(&state, &actor, &prefix).await },
    )
    .await
}
