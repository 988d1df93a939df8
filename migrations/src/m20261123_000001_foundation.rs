//! Tenants, organisations, users, sessions, invitations, password resets and
//! login attempts. Every tenant-scoped table leads its indexes with tenant_id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Tenants {
    Table,
    Id,
    Slug,
    Name,
    BrandColor,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
    TenantId,
    Kind,
    Name,
    PartnerType,
    Tier,
    Region,
    Segment,
    ParentId,
    ChannelManagerId,
    Website,
    Phone,
    Email,
    Address,
    City,
    Country,
    BrandColor,
    LogoKey,
    Description,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    TenantId,
    OrganizationId,
    Email,
    Name,
    Role,
    PasswordHash,
    Active,
    Version,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    TenantId,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Invitations {
    Table,
    Id,
    TenantId,
    OrganizationId,
    Email,
    Role,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    RevokedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PasswordResets {
    Table,
    Id,
    TenantId,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginAttempts {
    Table,
    Id,
    Subject,
    AttemptedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tenants::Table)
                    .col(big_pk_auto(Tenants::Id))
                    .col(string_uniq(Tenants::Slug))
                    .col(string(Tenants::Name))
                    .col(string(Tenants::BrandColor))
                    .col(timestamp_with_time_zone(Tenants::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Organizations::Table)
                    .col(big_pk_auto(Organizations::Id))
                    .col(big_integer(Organizations::TenantId))
                    .col(string(Organizations::Kind))
                    .col(string(Organizations::Name))
                    .col(string_null(Organizations::PartnerType))
                    .col(string_null(Organizations::Tier))
                    .col(string_null(Organizations::Region))
                    .col(string_null(Organizations::Segment))
                    .col(big_integer_null(Organizations::ParentId))
                    .col(big_integer_null(Organizations::ChannelManagerId))
                    .col(string(Organizations::Website).default(""))
                    .col(string(Organizations::Phone).default(""))
                    .col(string(Organizations::Email).default(""))
                    .col(string(Organizations::Address).default(""))
                    .col(string(Organizations::City).default(""))
                    .col(string(Organizations::Country).default(""))
                    .col(string(Organizations::BrandColor).default("#1f6feb"))
                    .col(string_null(Organizations::LogoKey))
                    .col(text(Organizations::Description).default(""))
                    .col(integer(Organizations::Version).default(1))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .col(timestamp_with_time_zone(Organizations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organizations::Table, Organizations::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organizations::Table, Organizations::ParentId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_org_tenant_name",
            Organizations::Table,
            &[Organizations::TenantId, Organizations::Name],
            false,
        )
        .await?;
        index(
            manager,
            "ix_org_tenant_manager",
            Organizations::Table,
            &[Organizations::TenantId, Organizations::ChannelManagerId],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(big_integer(Users::TenantId))
                    .col(big_integer(Users::OrganizationId))
                    .col(string(Users::Email))
                    .col(string(Users::Name))
                    .col(string(Users::Role))
                    .col(string_null(Users::PasswordHash))
                    .col(boolean(Users::Active).default(true))
                    .col(integer(Users::Version).default(1))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone_null(Users::LastSignInAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::OrganizationId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_users_tenant_email",
            Users::Table,
            &[Users::TenantId, Users::Email],
            true,
        )
        .await?;
        index(
            manager,
            "ix_users_tenant_org",
            Users::Table,
            &[Users::TenantId, Users::OrganizationId],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string(Sessions::Id).primary_key())
                    .col(big_integer(Sessions::TenantId))
                    .col(big_integer(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_sessions_tenant_user",
            Sessions::Table,
            &[Sessions::TenantId, Sessions::UserId],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(big_pk_auto(Invitations::Id))
                    .col(big_integer(Invitations::TenantId))
                    .col(big_integer(Invitations::OrganizationId))
                    .col(string(Invitations::Email))
                    .col(string(Invitations::Role))
                    .col(string_uniq(Invitations::TokenHash))
                    .col(big_integer(Invitations::InvitedBy))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                    .col(timestamp_with_time_zone_null(Invitations::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::OrganizationId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_invitations_tenant_org",
            Invitations::Table,
            &[Invitations::TenantId, Invitations::OrganizationId],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordResets::Table)
                    .col(big_pk_auto(PasswordResets::Id))
                    .col(big_integer(PasswordResets::TenantId))
                    .col(big_integer(PasswordResets::UserId))
                    .col(string_uniq(PasswordResets::TokenHash))
                    .col(timestamp_with_time_zone(PasswordResets::CreatedAt))
                    .col(timestamp_with_time_zone(PasswordResets::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordResets::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PasswordResets::Table, PasswordResets::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(big_pk_auto(LoginAttempts::Id))
                    .col(string(LoginAttempts::Subject))
                    .col(timestamp_with_time_zone(LoginAttempts::AttemptedAt))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_login_attempts_subject",
            LoginAttempts::Table,
            &[LoginAttempts::Subject, LoginAttempts::AttemptedAt],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LoginAttempts::Table.into_iden(),
            PasswordResets::Table.into_iden(),
            Invitations::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
            Organizations::Table.into_iden(),
            Tenants::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn index<T, C>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[C],
    unique: bool,
) -> Result<(), DbErr>
where
    T: IntoIden + Clone,
    C: IntoIden + Clone,
{
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for col in cols {
        stmt.col(col.clone());
    }
    if unique {
        stmt.unique();
    }
    manager.create_index(stmt).await
}
