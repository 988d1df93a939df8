//! Each user's time zone: times are shown, and send times read, in it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // An IANA name ("Europe/Berlin"); everyone starts on UTC, as before.
        m.alter_table(
            Table::alter()
                .table("users")
                .add_column(string("time_zone").default("UTC"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("users")
                .drop_column(Alias::new("time_zone"))
                .to_owned(),
        )
        .await
    }
}
