//! A campaign e-mail's recipient may ask the partner who sent it to get in
//! touch: the answer becomes a lead, and the message remembers which, so a
//! second answer to the same e-mail is not a second lead.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("campaign_messages")
                .add_column(big_integer_null("lead_id"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("campaign_messages")
                .drop_column(Alias::new("lead_id"))
                .to_owned(),
        )
        .await
    }
}
