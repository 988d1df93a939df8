use crate::error::AppError;
use crate::types::forum::SearchPage;
use crate::types::forum::SolvedFilter;
use crate::types::Choice;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "search_forum")]
pub async fn search_forum(
    #[server(default)] q: String,
    #[server(default)] category: Option<i64>,
    #[server(default)] tag: String,
    #[server(default)] solved: Choice<SolvedFilter>,
) -> Result<SearchPage, AppError> {
    use crate::ssr::services::forum::search;
    use crate::types::forum::TopicFilter;
    crate::api::as_actor(|state, actor| async move {
        search::search(
            &state,
            &actor,
            &q,
            TopicFilter {
                category,
                tag,
                solved,
            },
        )
        .await
    })
    .await
}
