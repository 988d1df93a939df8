//! Co-branding: vendor templates and their versions, partners' designs with
//! their revision history, and the record of every export.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(Alias::new(table));
    for col in cols {
        index.col(Alias::new(*col));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("cobrand_templates")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(string("name"))
                .col(text("description"))
                .col(string("kind"))
                .col(string("format"))
                .col(string("status"))
                .col(boolean("requires_approval").default(false))
                // Comma-separated; empty means every partner.
                .col(string("audience_tiers").default(""))
                .col(string("audience_types").default(""))
                .col(big_integer_null("published_version_id"))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_cobrand_templates_tenant_status",
            "cobrand_templates",
            &["tenant_id", "status", "id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("cobrand_template_versions")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("template_id"))
                .col(integer("number"))
                .col(text("source"))
                // The compiled plan (JSON), so the editor never re-parses SVG.
                .col(text("plan"))
                .col(text("note"))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("cobrand_template_versions", "template_id")
                        .to("cobrand_templates", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_cobrand_template_versions_number",
                "cobrand_template_versions",
                &["tenant_id", "template_id", "number"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("cobrand_designs")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("org_id"))
                .col(big_integer("template_id"))
                .col(big_integer("version_id"))
                .col(string("name"))
                .col(text("slot_values"))
                .col(string("status"))
                .col(text("review_comment").default(""))
                .col(big_integer_null("reviewed_by"))
                .col(timestamp_with_time_zone_null("reviewed_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(integer("version").default(1))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("cobrand_designs", "template_id")
                        .to("cobrand_templates", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_cobrand_designs_tenant_org",
            "cobrand_designs",
            &["tenant_id", "org_id", "updated_at"],
        ))
        .await?;
        m.create_index(index(
            "ix_cobrand_designs_tenant_status",
            "cobrand_designs",
            &["tenant_id", "status", "id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("cobrand_design_revisions")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("design_id"))
                .col(string("name"))
                .col(text("slot_values"))
                .col(big_integer("saved_by"))
                .col(timestamp_with_time_zone("saved_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("cobrand_design_revisions", "design_id")
                        .to("cobrand_designs", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_cobrand_design_revisions_design",
            "cobrand_design_revisions",
            &["tenant_id", "design_id", "id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("cobrand_exports")
                .col(big_pk_auto("id"))
                .col(big_integer("tenant_id"))
                .col(big_integer("design_id"))
                .col(big_integer("org_id"))
                .col(big_integer("template_id"))
                .col(big_integer("version_id"))
                .col(string("format"))
                .col(big_integer("size_bytes"))
                .col(big_integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_cobrand_exports_design",
            "cobrand_exports",
            &["tenant_id", "design_id", "id"],
        ))
        .await?;
        m.create_index(index(
            "ix_cobrand_exports_org",
            "cobrand_exports",
            &["tenant_id", "org_id", "created_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "cobrand_exports",
            "cobrand_design_revisions",
            "cobrand_designs",
            "cobrand_template_versions",
            "cobrand_templates",
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
