//! Who hears of a lead: the partner it is offered to (without learning who
//! the lead is), the person who accepted it when first contact falls due,
//! and the vendor admins when it comes back to their queue.

use crate::error::AppResult;
use crate::ssr::entities::{campaign, lead, product_family, user};
use crate::ssr::scope::in_tenant;
use crate::ssr::services::notifications::{self, Notice, Recipient};
use crate::ssr::AppState;
use crate::tr_in;
use crate::types::notification::{Details, InLanguages, NotificationKind};
use crate::types::territory::Country;
use crate::types::Role;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

/// "Manufacturing · Bayern, Germany · Switches · from the campaign “AX7
/// launch”": what a partner may know of a lead before accepting it, in the
/// reader's language.
pub(super) async fn summary(
    db: &impl ConnectionTrait,
    row: &lead::Model,
) -> AppResult<InLanguages> {
    let family = match row.product_family_id {
        Some(id) => {
            in_tenant::<product_family::Entity>(row.tenant_id)
                .filter(product_family::Column::Id.eq(id))
                .one(db)
                .await?
        }
        None => None,
    };
    let campaign = match row.campaign_id {
        Some(id) => {
            in_tenant::<campaign::Entity>(row.tenant_id)
                .filter(campaign::Column::Id.eq(id))
                .one(db)
                .await?
        }
        None => None,
    };
    let country = Country::parse(&row.country);
    Ok(InLanguages::of(|reader| {
        let answered = campaign
            .as_ref()
            .map(|c| tr_in!(reader, leads.from_campaign, name = c.name_for(reader)).to_string())
            .unwrap_or_default();
        let country = country
            .map(|c| crate::ssr::countries::name(c, reader))
            .unwrap_or_default();
        let product = family
            .as_ref()
            .map(|f| f.name_for(reader))
            .unwrap_or_default();
        let place = [row.region.as_str(), country.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        [
            row.segment.as_str(),
            place.as_str(),
            product.as_str(),
            answered.as_str(),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
    }))
}

/// Tells `people` about `row`.
async fn tell(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: &lead::Model,
    people: Vec<user::Model>,
    kind: NotificationKind,
    details: Details,
) -> AppResult<()> {
    let notices = people
        .iter()
        .map(|p| Notice {
            to: Recipient::from(p),
            kind,
            subject_id: Some(row.id),
            details: details.clone(),
            link: format!("/leads/{}", row.id),
        })
        .collect();
    notifications::deliver(db, &state.config.base_url, row.tenant_id, notices).await?;
    Ok(())
}

/// The partner's users hear of an offer to accept by `due`.
pub(super) async fn offered(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: &lead::Model,
    due: NaiveDate,
) -> AppResult<()> {
    let Some(partner) = row.partner_id else {
        return Ok(());
    };
    let people = in_tenant::<user::Entity>(row.tenant_id)
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::OrganizationId.eq(partner))
        .filter(user::Column::Role.is_in([Role::PartnerAdmin, Role::PartnerUser]))
        .all(db)
        .await?;
    let details = Details::Lead {
        company: String::new(),
        summary: summary(db, row).await?,
        date: Some(due),
        reason: String::new(),
    };
    tell(
        db,
        state,
        row,
        people,
        NotificationKind::LeadOffered,
        details,
    )
    .await
}

/// The one who accepted it hears that first contact is due by `due`.
pub(super) async fn contact_due(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: &lead::Model,
    due: NaiveDate,
) -> AppResult<()> {
    let Some(who) = row.accepted_by else {
        return Ok(());
    };
    let people = in_tenant::<user::Entity>(row.tenant_id)
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.eq(who))
        .all(db)
        .await?;
    let details = Details::Lead {
        company: row.company.clone(),
        summary: summary(db, row).await?,
        date: Some(due),
        reason: String::new(),
    };
    tell(
        db,
        state,
        row,
        people,
        NotificationKind::LeadContactDue,
        details,
    )
    .await
}

/// The vendor admins hear that it is back in their queue, and why.
pub(super) async fn queued(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: &lead::Model,
    why: &str,
) -> AppResult<()> {
    let people = in_tenant::<user::Entity>(row.tenant_id)
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.eq(Role::VendorAdmin))
        .all(db)
        .await?;
    let details = Details::Lead {
        company: row.company.clone(),
        summary: summary(db, row).await?,
        date: None,
        reason: why.to_owned(),
    };
    tell(
        db,
        state,
        row,
        people,
        NotificationKind::LeadQueued,
        details,
    )
    .await
}
