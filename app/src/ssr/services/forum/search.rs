//! Full-text search over titles and bodies: FTS5 with bm25 ranking on
//! SQLite, a weighted tsvector with a GIN index and ts_rank on PostgreSQL.
//! Only published posts in published topics of categories the searcher may
//! see are candidates, filtered in the same query.

use super::{categories, Access};
use crate::error::AppResult;
use crate::ssr::entities::{forum_post as post, forum_topic as topic};
use crate::ssr::forum::markdown::excerpt;
use crate::ssr::scope::in_tenant;
use crate::ssr::{Actor, AppState};
use crate::types::forum::{PostStatus, SearchHit, SearchPage, SolvedFilter, TopicFilter};
use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, Statement, Value,
};
use std::collections::HashMap;

const LIMIT: i64 = 30;

/// The query as FTS5 terms: each word quoted (so operators and quotes typed
/// by the user are plain text), all required, the last one as a prefix.
fn fts5_query(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\""))
        .collect();
    let mut out = words.join(" ");
    if out.is_empty() {
        return None;
    }
    out.push('*');
    Some(out)
}

#[derive(FromQueryResult)]
struct Ranked {
    id: i64,
}

/// Binds values with the backend's placeholder style.
struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn bind(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".into(),
        }
    }
}

pub async fn search(
    state: &AppState,
    actor: &Actor,
    q: &str,
    filter: TopicFilter,
) -> AppResult<SearchPage> {
    let db = &state.db;
    let access = Access::load(db, actor).await?;
    let categories = categories::views(db, &access).await?;
    let query = q.trim().chars().take(200).collect::<String>();
    let searched = searched_categories(&access, filter.category);
    let hits = match ranked_sql(db.get_database_backend(), &query, actor, searched, &filter) {
        Some(sql) => {
            let ranked = Ranked::find_by_statement(sql).all(db).await?;
            let order: Vec<i64> = ranked.iter().map(|r| r.id).collect();
            hits_in_order(state, actor, &access, &order, &query).await?
        }
        None => Vec::new(),
    };
    Ok(SearchPage {
        query,
        hits,
        categories,
        filter,
    })
}

/// The categories searched: all the searcher may see, or the one chosen.
fn searched_categories(access: &Access<'_>, chosen: Option<i64>) -> Vec<i64> {
    access
        .category_ids()
        .into_iter()
        .filter(|id| chosen.is_none_or(|c| c == *id))
        .collect()
}

/// The ranked query for the backend, or `None` when nothing can match.
fn ranked_sql(
    backend: DbBackend,
    query: &str,
    actor: &Actor,
    categories: Vec<i64>,
    filter: &TopicFilter,
) -> Option<Statement> {
    if categories.is_empty() || query.is_empty() {
        return None;
    }
    let mut sql = Sql {
        backend,
        text: String::new(),
        values: Vec::new(),
    };
    let rank_order = match backend {
        DbBackend::Postgres => {
            let p = sql.bind(query.to_owned());
            sql.text = format!(
                "SELECT p.id FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id, \
                 websearch_to_tsquery('english', {p}) query WHERE p.search_tsv @@ query"
            );
            "ts_rank(p.search_tsv, query) DESC, p.id DESC"
        }
        _ => {
            let p = sql.bind(fts5_query(query)?);
            sql.text = format!(
                "SELECT p.id FROM forum_search s JOIN forum_posts p ON p.id = s.rowid \
                 JOIN forum_topics t ON t.id = p.topic_id WHERE forum_search MATCH {p}"
            );
            "bm25(forum_search, 5.0, 1.0), p.id DESC"
        }
    };
    let tenant = sql.bind(actor.tenant_id);
    let published = PostStatus::Published.as_str();
    let (post_status, topic_status) = (sql.bind(published), sql.bind(published));
    let in_list: Vec<String> = categories.into_iter().map(|id| sql.bind(id)).collect();
    sql.text.push_str(&format!(
        " AND p.tenant_id = {tenant} AND p.status = {post_status} AND t.status = {topic_status} \
         AND t.category_id IN ({})",
        in_list.join(", ")
    ));
    let tag = filter.tag.trim().to_lowercase();
    if !tag.is_empty() {
        let p = sql.bind(format!("%,{tag},%"));
        sql.text.push_str(&format!(" AND t.tags LIKE {p}"));
    }
    match filter.solved.known() {
        Some(SolvedFilter::Solved) => sql.text.push_str(" AND t.accepted_post_id IS NOT NULL"),
        Some(SolvedFilter::Unsolved) => sql.text.push_str(" AND t.accepted_post_id IS NULL"),
        _ => {}
    }
    let limit = sql.bind(LIMIT);
    sql.text
        .push_str(&format!(" ORDER BY {rank_order} LIMIT {limit}"));
    Some(Statement::from_sql_and_values(
        backend, sql.text, sql.values,
    ))
}

/// The ranked posts with their topics, as hits in rank order.
async fn hits_in_order(
    state: &AppState,
    actor: &Actor,
    access: &Access<'_>,
    order: &[i64],
    query: &str,
) -> AppResult<Vec<SearchHit>> {
    let db = &state.db;
    let posts: HashMap<i64, post::Model> = post::Entity::find()
        .filter(post::Column::Id.is_in(order.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let topics: HashMap<i64, topic::Model> = in_tenant::<topic::Entity>(actor.tenant_id)
        .filter(topic::Column::Id.is_in(posts.values().map(|p| p.topic_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let terms: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_lowercase)
        .collect();
    Ok(order
        .iter()
        .filter_map(|id| {
            let p = posts.get(id)?;
            let t = topics.get(&p.topic_id)?;
            Some(SearchHit {
                topic_id: t.id,
                post_id: p.id,
                title: t.title.clone(),
                snippet: snippet(&p.search_body, &terms),
                category_name: access.category_name(t.category_id),
                solved: t.accepted_post_id.is_some(),
                is_question: p.is_first,
            })
        })
        .collect())
}

/// About 200 characters of the text around the first query term found.
fn snippet(text: &str, terms: &[String]) -> String {
    let lower = text.to_lowercase();
    let at = terms
        .iter()
        .filter_map(|t| lower.find(t.as_str()))
        .min()
        .unwrap_or(0);
    // Start a little before the match, on a character boundary.
    let start_byte = lower[..at.min(lower.len())]
        .char_indices()
        .rev()
        .nth(60)
        .map_or(0, |(i, _)| i);
    let start = text
        .char_indices()
        .map(|(i, _)| i)
        .find(|i| *i >= start_byte)
        .unwrap_or(0);
    let body = excerpt(&text[start..], 200);
    if start > 0 {
        format!("…{body}")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_inject_fts_syntax() {
        assert_eq!(
            fts5_query(r#"sd-wan "OR" NEAR(x"#).unwrap(),
            r#""sd" "wan" "OR" "NEAR" "x"*"#
        );
        assert_eq!(fts5_query("  ?! "), None);
    }

    #[test]
    fn snippets_centre_on_the_match() {
        let text = format!(
            "{} licence renewal is due {}",
            "word ".repeat(50),
            "tail ".repeat(50)
        );
        let s = snippet(&text, &["renewal".into()]);
        assert!(s.starts_with('…'));
        assert!(s.contains("renewal"));
    }
}
