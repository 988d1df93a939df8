//! Text a program publishes to partners in more than one language: forum
//! categories, campaigns and co-branding templates record the language
//! their text is written in and keep versions in the others
//! (`app/src/types/localized.rs`); a co-branded design records the
//! language it was started in, whose wording of the template it keeps.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 3] = ["forum_categories", "campaigns", "cobrand_templates"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for table in TABLES {
            // Everything written so far is English.
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(string_len("language", 8).default("en"))
                    .to_owned(),
            )
            .await?;
            // JSON: language code → field → text; empty for none.
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(text("translations").default(""))
                    .to_owned(),
            )
            .await?;
        }
        // Empty: the template as written (every design so far).
        m.alter_table(
            Table::alter()
                .table("cobrand_designs")
                .add_column(string_len("language", 8).default(""))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("cobrand_designs")
                .drop_column(Alias::new("language"))
                .to_owned(),
        )
        .await?;
        for table in TABLES {
            for column in ["language", "translations"] {
                m.alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
            }
        }
        Ok(())
    }
}
