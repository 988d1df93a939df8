//! Each user's language: pages and the mails sent to them use it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A catalogue code ("en", "de"); empty until the user chooses one
        // or first signs in (then the language they signed in with).
        m.alter_table(
            Table::alter()
                .table("users")
                .add_column(string_len_null("locale", 8))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("users")
                .drop_column(Alias::new("locale"))
                .to_owned(),
        )
        .await
    }
}
