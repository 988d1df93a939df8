use crate::error::AppError;
use crate::types::forum::MemberHint;
use leptos::prelude::*;

/// @mention completion.
#[server(prefix = "/api", endpoint = "find_members")]
pub async fn find_members(prefix: String) -> Result<Vec<MemberHint>, AppError> {
    use crate::ssr::context;
    use crate::ssr::services::forum::members;
    crate::api::with_status(
        async {
            let state = context::state()?;
            let actor = context::actor()?;
            members::complete(&state, &actor, &prefix).await
        }
        .await,
    )
}
