//! Who hears of a registration: the partner's channel manager (or, without
//! one, the vendor admins) of what waits for them; the partner user who
//! registered it of the answer and of its protection running out; the
//! vendor admins of an answer gone late.

use crate::error::{AppError, AppResult};
use crate::ssr::entities::{deal, organization, user};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::notifications::{self, Notice, Recipient};
use crate::ssr::AppState;
use crate::types::notification::{Details, NotificationKind};
use crate::types::Role;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

/// Who is told.
#[derive(Clone, Copy, Debug)]
pub(super) enum Audience {
    /// The partner's channel manager, or the vendor admins without one.
    Reviewers,
    /// The vendor admins.
    VendorAdmins,
    /// The partner user who registered it.
    Registrant,
}

/// What they are told about the registration.
pub(super) struct About<'a> {
    pub kind: NotificationKind,
    pub reason: &'a str,
    /// When the answer is due, or the protection ends.
    pub date: Option<NaiveDate>,
}

/// Tells `audience` about `row`, in the same transaction as the change.
pub(super) async fn tell(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: &deal::Model,
    audience: Audience,
    about: About<'_>,
) -> AppResult<()> {
    let partner = in_tenant::<organization::Entity>(row.tenant_id)
        .filter(organization::Column::Id.eq(row.partner_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = in_tenant::<user::Entity>(row.tenant_id).filter(user::Column::Active.eq(true));
    let people = match (audience, partner.channel_manager_id) {
        (Audience::Reviewers, Some(manager)) => people.filter(user::Column::Id.eq(manager)),
        (Audience::Reviewers | Audience::VendorAdmins, _) => {
            people.filter(user::Column::Role.eq(Role::VendorAdmin))
        }
        (Audience::Registrant, _) => people.filter(user::Column::Id.eq(row.created_by)),
    };
    let notices = people
        .all(db)
        .await?
        .iter()
        .map(|p| Notice {
            to: Recipient::from(p),
            kind: about.kind,
            subject_id: Some(row.id),
            details: Details::Deal {
                partner: partner.name.clone(),
                customer: row.customer_name.clone(),
                status: row.status,
                reason: about.reason.to_owned(),
                date: about.date,
            },
            link: format!("/deals/{}", row.id),
        })
        .collect();
    notifications::deliver(db, &state.config.base_url, row.tenant_id, notices).await?;
    Ok(())
}
