//! The one scoping mechanism: every tenant-scoped query starts here, built
//! from the signed-in actor, so no code path can forget the tenant filter or
//! widen a partner's view.

use super::entities::{
    cobrand_design, cobrand_export, cobrand_template, invitation, mdf_allocation, mdf_budget,
    mdf_claim, mdf_request, organization, user,
};
use super::Actor;
use crate::types::{OrgKind, Role};
use sea_orm::sea_query::{Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, Select};

/// A filter on an organisation id column in hand-written SQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountedOrgs {
    /// Every organisation of the tenant (vendor staff who see all partners).
    All,
    /// One company: a partner user's own, or one a reader focused on.
    One(i64),
    /// The partners a channel manager manages.
    ManagedBy(i64),
}

pub struct Scope<'a> {
    actor: &'a Actor,
}

impl<'a> Scope<'a> {
    pub fn new(actor: &'a Actor) -> Self {
        Self { actor }
    }

    pub fn actor(&self) -> &Actor {
        self.actor
    }

    pub fn tenant_id(&self) -> i64 {
        self.actor.tenant_id
    }

    /// Organisations the actor may see: all of the tenant's for most vendor
    /// staff; the vendor plus assigned partners for a channel manager; only
    /// their own company for partner users.
    pub fn org_condition(&self) -> Condition {
        use organization::Column as O;
        let base = Condition::all().add(O::TenantId.eq(self.actor.tenant_id));
        if let Some(org) = self.only_org() {
            return base.add(O::Id.eq(org));
        }
        match self.actor.role {
            Role::ChannelManager => base.add(
                Condition::any()
                    .add(O::Kind.eq(OrgKind::Vendor.as_str()))
                    .add(O::ChannelManagerId.eq(self.actor.user_id)),
            ),
            _ => base,
        }
    }

    /// The one organisation a partner user may see; None for vendor staff,
    /// who see several.
    fn only_org(&self) -> Option<i64> {
        match self.actor.role {
            r if r.sees_all_partners() => None,
            Role::ChannelManager => None,
            _ => Some(self.actor.organization_id),
        }
    }

    /// `column` (an organisation id) among those the actor may see. A
    /// partner user's one company is compared directly rather than through
    /// `IN (subquery)`: inside an OR (allocations: own or tier pool)
    /// PostgreSQL cannot use an index for the subquery, and a partner's
    /// dashboard scanned all 100,000 allocations and 300,000 ledger rows of
    /// a large program (49 ms instead of 0.3 ms).
    fn in_visible_orgs(&self, column: impl ColumnTrait) -> SimpleExpr {
        match self.only_org() {
            Some(org) => column.eq(org),
            None => column.in_subquery(self.visible_org_ids()),
        }
    }

    /// Whose records the actor may count, for the queries written as SQL
    /// (campaign results): the same rule as [`Scope::org_condition`].
    pub fn counted_orgs(&self) -> CountedOrgs {
        match (self.only_org(), self.actor.role) {
            (Some(org), _) => CountedOrgs::One(org),
            (None, Role::ChannelManager) => CountedOrgs::ManagedBy(self.actor.user_id),
            (None, _) => CountedOrgs::All,
        }
    }

    pub fn organizations(&self) -> Select<organization::Entity> {
        organization::Entity::find().filter(self.org_condition())
    }

    pub fn partners(&self) -> Select<organization::Entity> {
        self.organizations()
            .filter(organization::Column::Kind.eq(OrgKind::Partner.as_str()))
    }

    /// Fund budgets: vendor staff see the program's; partners none.
    pub fn mdf_budgets(&self) -> Select<mdf_budget::Entity> {
        let query = mdf_budget::Entity::find()
            .filter(mdf_budget::Column::TenantId.eq(self.actor.tenant_id));
        if self.actor.role.is_vendor_staff() {
            query
        } else {
            query.filter(mdf_budget::Column::Id.eq(-1))
        }
    }

    /// Allocations to visible partners, plus tier pools: all of them for
    /// vendor staff, the pool of their own tier for partner users.
    pub fn mdf_allocations(&self) -> Select<mdf_allocation::Entity> {
        use mdf_allocation::Column as A;
        let pools = if self.actor.role.is_vendor_staff() {
            Condition::all().add(A::PartnerId.is_null())
        } else {
            Condition::all()
                .add(A::PartnerId.is_null())
                .add(A::Tier.eq(self.actor.org_tier.clone().unwrap_or_default()))
        };
        mdf_allocation::Entity::find()
            .filter(A::TenantId.eq(self.actor.tenant_id))
            .filter(
                Condition::any()
                    .add(self.in_visible_orgs(A::PartnerId))
                    .add(pools),
            )
    }

    /// Fund requests of visible partners.
    pub fn mdf_requests(&self) -> Select<mdf_request::Entity> {
        mdf_request::Entity::find()
            .filter(mdf_request::Column::TenantId.eq(self.actor.tenant_id))
            .filter(self.in_visible_orgs(mdf_request::Column::PartnerId))
    }

    /// Claims of visible partners.
    pub fn mdf_claims(&self) -> Select<mdf_claim::Entity> {
        mdf_claim::Entity::find()
            .filter(mdf_claim::Column::TenantId.eq(self.actor.tenant_id))
            .filter(self.in_visible_orgs(mdf_claim::Column::PartnerId))
    }

    /// Resellers under the actor's own company (two-tier distribution).
    pub fn downline(&self) -> Select<organization::Entity> {
        organization::Entity::find()
            .filter(organization::Column::TenantId.eq(self.actor.tenant_id))
            .filter(organization::Column::ParentId.eq(self.actor.organization_id))
    }

    fn visible_org_ids(&self) -> SelectStatement {
        Query::select()
            .column(organization::Column::Id)
            .from(organization::Entity)
            .cond_where(self.org_condition())
            .to_owned()
    }

    /// Users of organisations the actor may see.
    pub fn users(&self) -> Select<user::Entity> {
        user::Entity::find()
            .filter(user::Column::TenantId.eq(self.actor.tenant_id))
            .filter(self.in_visible_orgs(user::Column::OrganizationId))
    }

    pub fn invitations(&self) -> Select<invitation::Entity> {
        invitation::Entity::find()
            .filter(invitation::Column::TenantId.eq(self.actor.tenant_id))
            .filter(self.in_visible_orgs(invitation::Column::OrganizationId))
    }

    /// The tenant's co-branding templates; services narrow partners to the
    /// published ones meant for them.
    pub fn cobrand_templates(&self) -> Select<cobrand_template::Entity> {
        cobrand_template::Entity::find()
            .filter(cobrand_template::Column::TenantId.eq(self.actor.tenant_id))
    }

    /// Designs of visible organisations.
    pub fn cobrand_designs(&self) -> Select<cobrand_design::Entity> {
        cobrand_design::Entity::find()
            .filter(cobrand_design::Column::TenantId.eq(self.actor.tenant_id))
            .filter(self.in_visible_orgs(cobrand_design::Column::OrgId))
    }

    /// Export records of visible organisations.
    pub fn cobrand_exports(&self) -> Select<cobrand_export::Entity> {
        cobrand_export::Entity::find()
            .filter(cobrand_export::Column::TenantId.eq(self.actor.tenant_id))
            .filter(self.in_visible_orgs(cobrand_export::Column::OrgId))
    }
}
