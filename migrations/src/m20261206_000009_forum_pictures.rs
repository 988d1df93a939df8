//! Which member uploaded each forum picture and which posts show it, so a
//! picture is served only to its uploader and to members who can see one of
//! those posts' categories. Keys start with `tenant_id`.

use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const PREFIX: &str = "/forum/files/";

/// `(tenant, file name)` of every stored picture an HTML body shows.
fn pictures_in(html: &str) -> Vec<(i64, String)> {
    html.split(&format!("src=\"{PREFIX}"))
        .skip(1)
        .filter_map(|rest| {
            let path = rest.split('"').next()?;
            let (tenant, name) = path.split_once('/')?;
            let plain = name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
            (plain && !name.is_empty()).then(|| Some((tenant.parse().ok()?, name.to_owned())))?
        })
        .collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("forum_pictures")
                .col(big_integer("tenant_id"))
                .col(string("name"))
                .col(big_integer("uploader_id"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(
                    Index::create()
                        .col(Alias::new("tenant_id"))
                        .col(Alias::new("name")),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_post_pictures")
                .col(big_integer("tenant_id"))
                .col(big_integer("post_id"))
                .col(string("name"))
                .primary_key(
                    Index::create()
                        .col(Alias::new("tenant_id"))
                        .col(Alias::new("post_id"))
                        .col(Alias::new("name")),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_forum_post_pictures_name")
                .table(Alias::new("forum_post_pictures"))
                .col(Alias::new("tenant_id"))
                .col(Alias::new("name"))
                .to_owned(),
        )
        .await?;

        // Pictures already in posts: linked to those posts, uploaded (as far
        // as anyone can now tell) by the post's author.
        let db = m.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                format!(
                    "SELECT id, tenant_id, author_id, body_html FROM forum_posts \
                     WHERE body_html LIKE '%src=\"{PREFIX}%' ORDER BY id"
                ),
            ))
            .await?;
        for row in rows {
            let post: i64 = row.try_get("", "id")?;
            let tenant: i64 = row.try_get("", "tenant_id")?;
            let author: i64 = row.try_get("", "author_id")?;
            let html: String = row.try_get("", "body_html")?;
            for (owner, name) in pictures_in(&html) {
                if owner != tenant {
                    continue;
                }
                let picture = Query::insert()
                    .into_table(Alias::new("forum_pictures"))
                    .columns(["tenant_id", "name", "uploader_id", "created_at"].map(Alias::new))
                    .values_panic([
                        tenant.into(),
                        name.clone().into(),
                        author.into(),
                        Expr::current_timestamp(),
                    ])
                    .on_conflict(
                        OnConflict::columns(["tenant_id", "name"].map(Alias::new))
                            .do_nothing()
                            .to_owned(),
                    )
                    .to_owned();
                m.exec_stmt(picture).await?;
                let link = Query::insert()
                    .into_table(Alias::new("forum_post_pictures"))
                    .columns(["tenant_id", "post_id", "name"].map(Alias::new))
                    .values_panic([tenant.into(), post.into(), name.into()])
                    .on_conflict(
                        OnConflict::columns(["tenant_id", "post_id", "name"].map(Alias::new))
                            .do_nothing()
                            .to_owned(),
                    )
                    .to_owned();
                m.exec_stmt(link).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["forum_post_pictures", "forum_pictures"] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::pictures_in;

    #[test]
    fn finds_the_pictures_a_post_shows() {
        let html = r#"<p><img src="/forum/files/3/Ab_1.png" alt="x"> <img src="/forum/files/3/../x.png"> <img src="https://x/y.png"></p>"#;
        assert_eq!(pictures_in(html), vec![(3, "Ab_1.png".to_owned())]);
    }
}
