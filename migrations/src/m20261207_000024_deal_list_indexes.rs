//! Indexes for the deal lists at a million registrations: the reviewers'
//! count of those waiting, by how long they have waited (a range of
//! `submitted_at` within one status), and a partner's registrations in one
//! state, newest first (its home page's "returned for changes").

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &[&str]); 2] = [
    ("ix_deals_waiting", &["tenant_id", "status", "submitted_at"]),
    (
        "ix_deals_partner_status",
        &["tenant_id", "partner_id", "status", "id"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, cols) in INDEXES {
            let mut index = Index::create();
            index.name(name).table("deals");
            for col in cols {
                index.col(Alias::new(*col));
            }
            m.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table("deals").to_owned())
                .await?;
        }
        Ok(())
    }
}
