//! Whom a registration is for: the actor's own company, or (two-tier) a
//! reseller buying directly through it, registered by the distributor on
//! the reseller's behalf. Either way the registration records both the
//! partner and the distributor it registered through.

use crate::error::AppResult;
use crate::ssr::entities::organization;
use crate::ssr::permission::Permission;
use crate::ssr::repo::organizations;
use crate::ssr::scope::in_tenant;
use crate::ssr::{Actor, Scope};
use crate::tr;
use crate::types::FormErrors;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Select};

/// The registering partner and the distributor it registers through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Registrant {
    pub partner_id: i64,
    pub distributor_id: Option<i64>,
}

/// The resellers directly below the actor's company.
fn direct_resellers(actor: &Actor) -> Select<organization::Entity> {
    Scope::channel(actor)
        .partners()
        .filter(organization::Column::ParentId.eq(actor.organization_id))
}

/// The form's "registered for" picker: the actor's resellers (id, name),
/// and whether that is all of them (else the field takes a typed name).
/// Empty for a company no one buys through.
pub async fn resellers(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> AppResult<(Vec<(String, String)>, bool)> {
    if actor.role.is_vendor_staff() || !actor.may(Permission::RegisterDeals) {
        return Ok((Vec::new(), true));
    }
    let (list, all) = organizations::picker(db, direct_resellers(actor)).await?;
    let list = list
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    Ok((list, all))
}

/// The registrant `raw` names (a reseller's id or name; empty: the
/// actor's own company); a message on `for_partner` when it names no
/// reseller of the actor's.
pub async fn resolve(
    db: &impl ConnectionTrait,
    actor: &Actor,
    raw: &str,
    e: &mut FormErrors,
) -> AppResult<Option<Registrant>> {
    let raw = raw.trim();
    if raw.is_empty() || raw == actor.organization_id.to_string() {
        let parent = in_tenant::<organization::Entity>(actor.tenant_id)
            .filter(organization::Column::Id.eq(actor.organization_id))
            .one(db)
            .await?
            .and_then(|o| o.parent_id);
        return Ok(Some(Registrant {
            partner_id: actor.organization_id,
            distributor_id: parent,
        }));
    }
    match organizations::by_id_or_name(db, direct_resellers(actor), raw).await? {
        Some(reseller) => Ok(Some(Registrant {
            partner_id: reseller.id,
            distributor_id: Some(actor.organization_id),
        })),
        None => {
            e.add("for_partner", tr!(deals.not_your_reseller));
            Ok(None)
        }
    }
}
